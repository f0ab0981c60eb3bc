package io.zreplcamel.config.names;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ZFS name rules as zrepl checks them (after OpenZFS {@code zfs_namecheck.c}). Kept here because the config module
 * depends on nothing of ours; the zfs-component has the runtime twin of these checks.
 */
public final class ZfsNames {

    /** Longest dataset, snapshot or bookmark name (256 including the NUL byte). */
    public static final int MAX_NAME_LENGTH = 255;

    private static final Pattern COMPONENT_CHARS = Pattern.compile("^[0-9a-zA-Z\\-_.: ]+$");
    private static final String DATASET_PATH_FORBIDDEN = "@#|\t<>*";

    private ZfsNames() {
    }

    /**
     * Why {@code component} is not a valid single name component (a dataset path element, snapshot or bookmark
     * name, client identity, job name), or empty when it is valid.
     */
    public static Optional<String> componentProblem(String component) {
        if (component.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (component.length() > MAX_NAME_LENGTH) {
            return Optional.of("must not be longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (!component.chars().allMatch(c -> c < 128)) {
            return Optional.of("must be ASCII");
        }
        if (!COMPONENT_CHARS.matcher(component).matches()) {
            return Optional.of("must only contain letters, digits and any of \"-_.: \"");
        }
        if (component.equals(".") || component.equals("..")) {
            return Optional.of("must not be \"" + component + "\"");
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} is not a valid dataset path ({@code pool/a/b}), or empty when it is valid. The empty string is
     * the valid empty path (zrepl uses it for "everything" in filters). Unlike zrepl, which only rejects
     * {@code @#|<>*} and tab, every component must be a valid ZFS name component, so that a typo such as
     * {@code tank//home} is reported instead of silently matching nothing.
     */
    public static Optional<String> datasetPathProblem(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        for (char c : DATASET_PATH_FORBIDDEN.toCharArray()) {
            if (path.indexOf(c) >= 0) {
                return Optional.of("must not contain any of '@', '#', '|', '<', '>', '*' or tab");
            }
        }
        if (path.endsWith("/")) {
            return Optional.of("must not end with '/'");
        }
        if (path.startsWith("/")) {
            return Optional.of("must not start with '/' (dataset names start with the pool name)");
        }
        if (path.length() > MAX_NAME_LENGTH) {
            return Optional.of("must not be longer than " + MAX_NAME_LENGTH + " characters");
        }
        for (String component : path.split("/", -1)) {
            Optional<String> problem = componentProblem(component);
            if (problem.isPresent()) {
                return Optional.of("component \"" + component + "\" " + problem.get());
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code name} is not a valid ZFS property name (for {@code recv.properties}), or empty when valid:
     * non-empty, at most 256 characters, not starting with '-', only {@code [0-9a-zA-Z-_.:]}.
     */
    public static Optional<String> propertyNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > 256) {
            return Optional.of("must not be longer than 256 characters");
        }
        if (name.startsWith("-")) {
            return Optional.of("must not start with '-'");
        }
        if (!name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_.:".indexOf(c) >= 0))) {
            return Optional.of("must only contain letters, digits and any of \"-_.:\"");
        }
        return Optional.empty();
    }
}
