package io.zreplcamel.config.names;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for ZFS property names, used by the config parser ({@code recv.properties}) and by the zfs layer
 * (every property passed to {@code zfs get/set/inherit/snapshot -o/receive -o/-x}). After {@code zfsprops(7)} and
 * {@code zfs_prop_user}:
 * <ul>
 * <li>at most 255 bytes ({@code ZAP_MAXNAMELEN} including the NUL), never starting with {@code -};</li>
 * <li>a <b>user property</b> contains a {@code :} and only lower-case letters, digits and {@code -_.:};</li>
 * <li>a <b>native property</b> is a lower-case word ({@code [a-z][a-z0-9_]*}), optionally qualified:
 *     {@code userquota@bob}, {@code written@snap}, {@code written#bookmark} for the properties that take one; the
 *     qualifier is non-empty and has no control character, {@code ,} or {@code =} (which would split the
 *     {@code zfs get} list or {@code name=value}).</li>
 * </ul>
 */
public final class ZfsPropertyNames {

    /** Longest property name, in bytes. */
    public static final int MAX_LENGTH = 255;

    /** Native properties that take {@code @qualifier} (a user, group, project or snapshot). */
    private static final Set<String> AT_QUALIFIED = Set.of("userused", "userquota", "groupused", "groupquota",
            "userobjused", "userobjquota", "groupobjused", "groupobjquota", "projectused", "projectquota",
            "projectobjused", "projectobjquota", "written");
    /** Native properties that take {@code #bookmark}. */
    private static final Set<String> POUND_QUALIFIED = Set.of("written");

    private ZfsPropertyNames() {
    }

    /** Why {@code name} is not a valid ZFS property name, or empty when it is valid. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of("must not be longer than " + MAX_LENGTH + " bytes");
        }
        if (name.startsWith("-")) {
            return Optional.of("must not start with '-'");
        }
        int qualifier = firstOf(name, '@', '#');
        String base = qualifier < 0 ? name : name.substring(0, qualifier);
        if (qualifier < 0 && name.indexOf(':') >= 0) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(lower(c) || digit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
                    return Optional.of("user property names (with ':') must only contain lower-case letters, "
                            + "digits and any of \"-_.:\"");
                }
            }
            return Optional.empty();
        }
        if (base.isEmpty() || !lower(base.charAt(0)) || !base.chars().allMatch(c -> lower((char) c) || digit((char) c) || c == '_')) {
            return Optional.of("must only contain lower-case letters, digits and '_' (native property), or also "
                    + "any of \"-.:\" with a ':' (user property)");
        }
        if (qualifier < 0) {
            return Optional.empty();
        }
        char delimiter = name.charAt(qualifier);
        Set<String> qualified = delimiter == '@' ? AT_QUALIFIED : POUND_QUALIFIED;
        if (!qualified.contains(base)) {
            return Optional.of("'" + base + "' does not take a '" + delimiter + "' qualifier");
        }
        String rest = name.substring(qualifier + 1);
        if (rest.isEmpty()) {
            return Optional.of("must not end with '" + delimiter + "'");
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ',' || c == '=') {
                return Optional.of("the qualifier after '" + delimiter + "' must not contain a control character, "
                        + "',' or '='");
            }
        }
        return Optional.empty();
    }

    private static int firstOf(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
