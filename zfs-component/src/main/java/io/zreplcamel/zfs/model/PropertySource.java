package io.zreplcamel.zfs.model;

import java.util.Objects;

/**
 * The {@code source} column of {@code zfs get}: where a property's value comes from.
 *
 * @param inheritedFrom the ancestor for {@link Kind#INHERITED}, otherwise null
 */
public record PropertySource(Kind kind, String inheritedFrom) {

    /** Source kinds zfs prints. */
    public enum Kind {
        LOCAL, DEFAULT, INHERITED, RECEIVED, TEMPORARY, NONE
    }

    public static final PropertySource LOCAL = new PropertySource(Kind.LOCAL, null);
    public static final PropertySource DEFAULT = new PropertySource(Kind.DEFAULT, null);
    public static final PropertySource RECEIVED = new PropertySource(Kind.RECEIVED, null);
    public static final PropertySource TEMPORARY = new PropertySource(Kind.TEMPORARY, null);
    public static final PropertySource NONE = new PropertySource(Kind.NONE, null);

    private static final String INHERITED_PREFIX = "inherited from ";

    public PropertySource {
        Objects.requireNonNull(kind, "kind");
    }

    public static PropertySource parse(String text) {
        switch (text) {
            case "local":
                return LOCAL;
            case "default":
                return DEFAULT;
            case "received":
                return RECEIVED;
            case "temporary":
                return TEMPORARY;
            case "-":
            case "":
                return NONE;
            default:
                if (text.startsWith(INHERITED_PREFIX)) {
                    return new PropertySource(Kind.INHERITED, text.substring(INHERITED_PREFIX.length()));
                }
                throw new IllegalArgumentException("unknown property source '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case INHERITED -> INHERITED_PREFIX + inheritedFrom;
            case NONE -> "-";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
