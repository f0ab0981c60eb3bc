package io.zreplcamel.processors.replication.plan;

/**
 * Why a filesystem cannot be planned, with the stable name used in JSON ({@code test plan --json}, events, status).
 * The first four are zrepl's conflicts (§7.4); the others are its planning errors (§7.3), named.
 */
public enum ConflictKind {
    /** Sender and receiver share no snapshot or usable bookmark, and the receiver is not empty. */
    NO_COMMON_ANCESTOR("no-common-ancestor"),
    /** The receiver's newest snapshot is not on the sender: the receiver was written to or rolled back. */
    DIVERGED("diverged"),
    /** The sender has no snapshots (and no bookmarks) at all. */
    NO_SENDER_SNAPSHOTS("no-sender-snapshots"),
    /** Initial replication would be needed, but the sender has only bookmarks (zrepl panics here). */
    SENDER_HAS_ONLY_BOOKMARKS("sender-has-only-bookmarks"),
    /** Initial replication needed and {@code conflict_resolution.initial_replication: fail}. */
    INITIAL_REPLICATION_DISABLED("initial-replication-disabled"),
    /** The receiver's resume token names a snapshot the sender no longer has. */
    STALE_RESUME_TOKEN("stale-resume-token"),
    /** The receiver's resume token cannot be decoded or contradicts itself. */
    INVALID_RESUME_TOKEN("invalid-resume-token"),
    /** The sender filesystem is a placeholder but the receiver's is a real filesystem. */
    PLACEHOLDER_MISMATCH("placeholder-mismatch");

    private final String jsonName;

    ConflictKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
