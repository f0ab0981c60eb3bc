package io.zreplcamel.config.names;

/** What a name must denote; decides which of the {@code @} / {@code #} delimiters it may or must contain. */
public enum NameKind {
    /** A filesystem or volume: no {@code @}, no {@code #}. */
    DATASET("dataset", false, false, false, false),
    /** {@code fs@snap}: exactly one {@code @}. */
    SNAPSHOT("snapshot", true, true, false, false),
    /** {@code fs#bookmark}: exactly one {@code #}. */
    BOOKMARK("bookmark", false, false, true, true),
    /** A snapshot or a bookmark (exactly one {@code @} or {@code #}): an incremental source, what destroy removes. */
    SNAPSHOT_OR_BOOKMARK("snapshot or bookmark", true, false, true, false),
    /** Anything {@code zfs get}/{@code zfs destroy} accept: dataset, snapshot or bookmark. */
    ANY("dataset, snapshot or bookmark", true, false, true, false);

    final String label;
    final boolean allowsAt;
    final boolean requiresAt;
    final boolean allowsPound;
    final boolean requiresPound;

    NameKind(String label, boolean allowsAt, boolean requiresAt, boolean allowsPound, boolean requiresPound) {
        this.label = label;
        this.allowsAt = allowsAt;
        this.requiresAt = requiresAt;
        this.allowsPound = allowsPound;
        this.requiresPound = requiresPound;
    }

    public String label() {
        return label;
    }
}
