package io.zreplcamel.processors.replication.guarantee;

/** The kinds of ZFS objects zrepl (and zrepl-camel, with the same names) creates to protect replication. */
public enum AbstractionType {
    /** Bookmark on the sender at the last snapshot the receiver confirmed: {@code zrepl_CURSOR_G_<guid>_J_<job>}. */
    REPLICATION_CURSOR_V2("replication-cursor-bookmark-v2"),
    /** Legacy cursor, exactly {@code zrepl_replication_cursor}, no job id. */
    REPLICATION_CURSOR_V1("replication-cursor-bookmark-v1"),
    /** Bookmark of a step's from/to under {@code guarantee_incremental}: {@code zrepl_CURSORTENTATIVE__G_<guid>_J_<job>}. */
    TENTATIVE_REPLICATION_CURSOR("tentative-replication-cursor-bookmark-v2"),
    /** Hold tag on a step's from/to snapshots under {@code guarantee_resumability}: {@code zrepl_STEP_J_<job>}. */
    STEP_HOLD("step-hold"),
    /** Hold tag on the receiver's newest received snapshot: {@code zrepl_last_received_J_<job>}. */
    LAST_RECEIVED_HOLD("last-received-hold");

    private final String typeName;

    AbstractionType(String typeName) {
        this.typeName = typeName;
    }

    /** zrepl's name for the type, used by {@code zfs-abstraction --type} and in JSON. */
    public String typeName() {
        return typeName;
    }

    public boolean isBookmark() {
        return this == REPLICATION_CURSOR_V2 || this == REPLICATION_CURSOR_V1 || this == TENTATIVE_REPLICATION_CURSOR;
    }

    public static AbstractionType ofTypeName(String name) {
        for (AbstractionType t : values()) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown abstraction type \"" + name + "\" (expected one of "
                + java.util.Arrays.stream(values()).map(AbstractionType::typeName).toList() + ")");
    }
}
