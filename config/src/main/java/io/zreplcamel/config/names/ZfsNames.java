package io.zreplcamel.config.names;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one place where the project decides whether a ZFS dataset, snapshot, bookmark, pool or name component is
 * valid: the config parser (filesystem filters, {@code root_fs}, job names, snapshot prefixes) and the zfs layer
 * (every name before a {@code zfs} process starts) both ask here. Property names have their own class,
 * {@link ZfsPropertyNames}.
 *
 * <p>The rules are those of OpenZFS ({@code module/zcommon/zfs_namecheck.c}, libzfs's {@code zfs_validate_name}
 * and {@code zpool_name_valid}):
 * <ul>
 * <li>whole name shorter than 256 bytes ({@code ZFS_MAX_DATASET_NAME_LEN}), no leading or trailing {@code /};</li>
 * <li>components separated by {@code /}, {@code @} or {@code #}, each non-empty, made of {@code [A-Za-z0-9-_.: ]}
 *     (ASCII; space allowed), not {@code .} or {@code ..} (also not before {@code @}/{@code #}, where libzfs
 *     would let it pass);</li>
 * <li>the first component is the pool: it begins with a letter (so no name can begin with {@code -} and be taken
 *     for an option) and is not {@code mirror}, {@code raidz} or {@code draid};</li>
 * <li>at most one {@code @} or {@code #}, only in the last component, non-empty on both sides;</li>
 * <li>{@code %} is refused (ZFS reserves it for its temporary {@code %recv} clones);</li>
 * <li>nesting depth below 50 ({@code zfs_max_dataset_nesting}), which {@code zfs create}/{@code receive} check.</li>
 * </ul>
 *
 * <p>Two wordings of the same rules: {@link #check} answers with libzfs's messages (what {@code zfs} itself would
 * print, for the zfs layer), {@link #componentProblem} and {@link #datasetPathProblem} with the config parser's
 * "must ..." messages. {@code ZfsNamesTest} checks with properties that both always agree on what is valid.
 */
public final class ZfsNames {

    /** Longest name ZFS accepts, in bytes (buffer of 256 including the NUL). */
    public static final int MAX_NAME_LENGTH = 255;
    /** Deepest nesting {@code zfs create} accepts by default. */
    public static final int MAX_NESTING = 50;
    /** Longest pool name: 256 - 2 - 2 * strlen("$ORIGIN") - 1. */
    public static final int MAX_POOL_NAME_LENGTH = 238;

    private static final String EMPTY_COMPONENT = "empty component or misplaced '@' or '#' delimiter in name";
    private static final String ALLOWED_CHARS = "letters, digits and any of \"-_.: \"";

    private ZfsNames() {
    }

    // ------------------------------------------------------------------ full names, libzfs wording

    public static boolean isValid(String name, NameKind kind) {
        return check(name, kind).isEmpty();
    }

    /** The reason a name is invalid, in libzfs's words, or empty when it is valid. */
    public static Optional<String> check(String name, NameKind kind) {
        if (name == null) {
            return Optional.of("name is missing");
        }
        if (!kind.allowsAt && name.indexOf('@') >= 0) {
            return Optional.of("snapshot delimiter '@' is not expected here");
        }
        if (kind.requiresAt && name.indexOf('@') < 0) {
            return Optional.of("missing '@' delimiter in snapshot name");
        }
        if (!kind.allowsPound && name.indexOf('#') >= 0) {
            return Optional.of("bookmark delimiter '#' is not expected here");
        }
        if (kind.requiresPound && name.indexOf('#') < 0) {
            return Optional.of("missing '#' delimiter in bookmark name");
        }
        if (kind == NameKind.SNAPSHOT_OR_BOOKMARK && name.indexOf('@') < 0 && name.indexOf('#') < 0) {
            return Optional.of("missing '@' or '#' delimiter in snapshot or bookmark name");
        }
        if (name.indexOf('%') >= 0) {
            return Optional.of("invalid character '%' in name");
        }
        Optional<String> entity = entityCheck(name);
        if (entity.isPresent()) {
            return entity;
        }
        Optional<String> pool = checkPool(poolOf(name));
        if (pool.isPresent()) {
            return pool;
        }
        if (depth(name) >= MAX_NESTING) {
            return Optional.of("maximum name nesting depth exceeded");
        }
        return Optional.empty();
    }

    /**
     * Port of {@code entity_namecheck}: {@code [component/]*[component][(@|#)component]?}. Walks the name component
     * by component like the C code, so that the first problem found is the one zfs reports.
     */
    static Optional<String> entityCheck(String path) {
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            return Optional.of("name is too long");
        }
        if (path.startsWith("/")) {
            return Optional.of("leading slash in name");
        }
        if (path.isEmpty()) {
            return Optional.of(EMPTY_COMPONENT);
        }
        int start = 0;
        boolean foundDelim = false;
        while (true) {
            int end = start;
            while (end < path.length() && !isDelimiter(path.charAt(end))) {
                end++;
            }
            boolean atEnd = end == path.length();
            if (atEnd && end > 0 && path.charAt(end - 1) == '/') {
                return Optional.of("trailing slash in name");
            }
            for (int i = start; i < end; i++) {
                char c = path.charAt(i);
                if (!validChar(c)) {
                    return Optional.of("invalid character '" + c + "' in name");
                }
            }
            char sep = atEnd ? '\0' : path.charAt(end);
            // libzfs checks '.' and '..' only before '/' and at the end, so it would take "pool/.@s" as a
            // snapshot name; no such dataset can exist, and refusing the component everywhere keeps one rule.
            String component = path.substring(start, end);
            if (component.equals(".")) {
                return Optional.of("self reference, '.' is found in name");
            }
            if (component.equals("..")) {
                return Optional.of("parent reference, '..' is found in name");
            }
            if (sep == '@' || sep == '#') {
                if (foundDelim) {
                    return Optional.of("multiple '@' and/or '#' delimiters in name");
                }
                foundDelim = true;
            }
            if (start == end) {
                return Optional.of(EMPTY_COMPONENT);
            }
            if (atEnd) {
                return Optional.empty();
            }
            if (sep == '/' && foundDelim) {
                return Optional.of("trailing slash in name");
            }
            start = end + 1;
        }
    }

    /**
     * The part after {@code @} or {@code #} on its own (e.g. a snapshot name to be combined with several datasets):
     * the reason, in libzfs's words, why {@code pool@shortName} would be refused, or empty when it is valid.
     */
    public static Optional<String> shortNameProblem(String shortName) {
        if (shortName == null || shortName.isEmpty()) {
            return Optional.of("empty name");
        }
        if (shortName.length() > MAX_NAME_LENGTH) {
            return Optional.of("name is too long");
        }
        for (int i = 0; i < shortName.length(); i++) {
            char c = shortName.charAt(i);
            if (!validChar(c)) {
                return Optional.of("invalid character '" + c + "' in name");
            }
        }
        if (shortName.equals(".")) {
            return Optional.of("self reference, '.' is found in name");
        }
        if (shortName.equals("..")) {
            return Optional.of("parent reference, '..' is found in name");
        }
        return Optional.empty();
    }

    /**
     * Pool names ({@code zpool_name_valid} / {@code pool_namecheck}): valid characters, begins with a letter, not a
     * reserved vdev word.
     */
    public static Optional<String> checkPool(String pool) {
        if (pool == null || pool.isEmpty()) {
            return Optional.of("name is missing");
        }
        if (pool.length() > MAX_POOL_NAME_LENGTH - 1) {
            return Optional.of("name is too long");
        }
        for (int i = 0; i < pool.length(); i++) {
            if (!validChar(pool.charAt(i))) {
                return Optional.of("invalid character '" + pool.charAt(i) + "' in name");
            }
        }
        if (!isAsciiLetter(pool.charAt(0))) {
            return Optional.of("pool doesn't begin with a letter");
        }
        if (pool.equals("mirror") || pool.equals("raidz") || pool.equals("draid")) {
            return Optional.of("name is reserved");
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ config wording

    /**
     * Why {@code component} is not a valid single name component (a dataset path element, snapshot or bookmark
     * name, client identity, job name), or empty when it is valid. Accepts exactly what {@link #shortNameProblem}
     * accepts.
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
        if (!component.chars().allMatch(c -> validChar((char) c))) {
            return Optional.of("must only contain " + ALLOWED_CHARS);
        }
        if (component.equals(".") || component.equals("..")) {
            return Optional.of("must not be \"" + component + "\"");
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} is not a valid dataset path ({@code pool/a/b}), or empty when it is valid. The empty string is
     * the valid empty path (zrepl uses it for "everything" in filters); any other path is valid exactly when
     * {@link #check check(path, DATASET)} accepts it. Unlike zrepl, which only rejects {@code @#|<>*} and tab, every
     * component must be a valid ZFS name component, so that a typo such as {@code tank//home} is reported instead
     * of silently matching nothing.
     */
    public static Optional<String> datasetPathProblem(String path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        for (char c : "@#|\t<>*".toCharArray()) {
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
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
            return Optional.of("must not be longer than " + MAX_NAME_LENGTH + " bytes");
        }
        String[] components = path.split("/", -1);
        for (String component : components) {
            Optional<String> problem = componentProblem(component);
            if (problem.isPresent()) {
                return Optional.of("component \"" + component + "\" " + problem.get());
            }
        }
        String pool = components[0];
        if (!isAsciiLetter(pool.charAt(0))) {
            return Optional.of("pool name \"" + pool + "\" must begin with a letter");
        }
        if (pool.length() > MAX_POOL_NAME_LENGTH - 1) {
            return Optional.of("pool name must not be longer than " + (MAX_POOL_NAME_LENGTH - 1) + " characters");
        }
        if (pool.equals("mirror") || pool.equals("raidz") || pool.equals("draid")) {
            return Optional.of("pool name \"" + pool + "\" is reserved");
        }
        if (components.length > MAX_NESTING) {
            return Optional.of("must not be nested deeper than " + (MAX_NESTING - 1) + " levels below the pool");
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ parts of a name

    /** Number of {@code /} before any {@code @}/{@code #} ({@code get_dataset_depth}). */
    public static int depth(String name) {
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@' || c == '#') {
                break;
            }
            if (c == '/') {
                n++;
            }
        }
        return n;
    }

    /** The filesystem/volume part: everything before {@code @} or {@code #}. */
    public static String datasetOf(String name) {
        int i = delimiterIndex(name);
        return i < 0 ? name : name.substring(0, i);
    }

    /** The part after {@code @} or {@code #}, or empty when there is none. */
    public static String shortNameOf(String name) {
        int i = delimiterIndex(name);
        return i < 0 ? "" : name.substring(i + 1);
    }

    /** The first component: the pool. */
    public static String poolOf(String name) {
        String ds = datasetOf(name);
        int slash = ds.indexOf('/');
        return slash < 0 ? ds : ds.substring(0, slash);
    }

    public static boolean isSnapshot(String name) {
        return name.indexOf('@') >= 0;
    }

    public static boolean isBookmark(String name) {
        return name.indexOf('#') >= 0;
    }

    /**
     * Resolves a possibly short version name against a dataset: {@code @x} or {@code #x} become
     * {@code dataset@x} / {@code dataset#x}; a name that already has a dataset part is returned unchanged.
     */
    public static String resolve(String dataset, String versionName) {
        if (versionName.startsWith("@") || versionName.startsWith("#")) {
            return dataset + versionName;
        }
        return versionName;
    }

    /** A character ZFS allows in a name component ({@code valid_char} of {@code zfs_namecheck.c}). */
    public static boolean validChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int delimiterIndex(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDelimiter(char c) {
        return c == '/' || c == '@' || c == '#';
    }
}
