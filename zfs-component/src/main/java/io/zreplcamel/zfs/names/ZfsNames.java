package io.zreplcamel.zfs.names;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Name rules exactly as OpenZFS applies them ({@code module/zcommon/zfs_namecheck.c} and libzfs's
 * {@code zfs_validate_name}), with libzfs's messages, so a bad name is refused before any process runs and the user
 * reads the same reason zfs would print.
 *
 * <ul>
 * <li>whole name shorter than 256 bytes ({@code ZFS_MAX_DATASET_NAME_LEN}), no leading or trailing {@code /};</li>
 * <li>components separated by {@code /}, each non-empty, made of {@code [A-Za-z0-9-_.: ]} (ASCII; space allowed),
 *     not {@code .} or {@code ..};</li>
 * <li>at most one {@code @} or {@code #}, only in the last component, non-empty on both sides;</li>
 * <li>{@code %} is refused (ZFS reserves it for its temporary {@code %recv} clones);</li>
 * <li>nesting depth below 50 ({@code zfs_max_dataset_nesting}), which {@code zfs create}/{@code receive} check.</li>
 * </ul>
 */
public final class ZfsNames {

    /** Longest name ZFS accepts, in bytes (buffer of 256 including the NUL). */
    public static final int MAX_NAME_LENGTH = 255;
    /** Deepest nesting {@code zfs create} accepts by default. */
    public static final int MAX_NESTING = 50;
    /** Longest pool name: 256 - 2 - 2 * strlen("$ORIGIN") - 1. */
    public static final int MAX_POOL_NAME_LENGTH = 238;

    private ZfsNames() {
    }

    /** Throws {@link InvalidNameException} unless {@code name} is a valid name of that kind. Returns the name. */
    public static String validate(String name, NameKind kind) {
        Optional<String> problem = check(name, kind);
        if (problem.isPresent()) {
            throw new InvalidNameException(kind.label, String.valueOf(name), problem.get());
        }
        return name;
    }

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
        if (name.indexOf('%') >= 0) {
            return Optional.of("invalid character '%' in name");
        }
        Optional<String> entity = entityCheck(name);
        if (entity.isPresent()) {
            return entity;
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
            if (atEnd || sep == '/') {
                String component = path.substring(start, end);
                if (component.equals(".")) {
                    return Optional.of("self reference, '.' is found in name");
                }
                if (component.equals("..")) {
                    return Optional.of("parent reference, '..' is found in name");
                }
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

    private static final String EMPTY_COMPONENT = "empty component or misplaced '@' or '#' delimiter in name";

    /**
     * Validates the part after {@code @} or {@code #} on its own (e.g. a snapshot name to be combined with several
     * datasets), with the rules of {@code zfs_component_namecheck}.
     */
    public static String validateShortName(String shortName, String what) {
        String problem = null;
        if (shortName == null || shortName.isEmpty()) {
            problem = "empty " + what + " name";
        } else if (shortName.length() > MAX_NAME_LENGTH) {
            problem = "name is too long";
        } else {
            for (int i = 0; i < shortName.length(); i++) {
                char c = shortName.charAt(i);
                if (!validChar(c)) {
                    problem = "invalid character '" + c + "' in name";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new InvalidNameException(what, String.valueOf(shortName), problem);
        }
        return shortName;
    }

    /**
     * Pool names (zpool_name_valid / {@code pool_namecheck}): valid characters, begins with a letter, not a reserved
     * vdev word.
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
        char first = pool.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return Optional.of("pool doesn't begin with a letter");
        }
        if (pool.equals("mirror") || pool.equals("raidz") || pool.equals("draid")) {
            return Optional.of("name is reserved");
        }
        return Optional.empty();
    }

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

    static boolean validChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':' || c == ' ';
    }
}
