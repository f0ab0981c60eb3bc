package io.zreplcamel.zfs.error;

import java.util.List;

/**
 * {@code zfs send -t <token>} refused the token: it is corrupt, or it is stale because the snapshot (or incremental
 * source) it was made for no longer exists or was replaced by another of the same name. A stale token blocks
 * replication until the receiver's partial state is aborted ({@code zfs receive -A}).
 */
public class ResumeTokenInvalidException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    /** Why the token is unusable. */
    public enum Reason {
        /** The token does not decode (bad format, checksum, compression or nvlist). */
        CORRUPT,
        /** The token decodes, but what it names is gone from the sender. */
        STALE
    }

    private final Reason reason;

    public ResumeTokenInvalidException(String message, Reason reason, List<String> command, int exitCode,
            String stderr) {
        super(message, command, exitCode, stderr);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
