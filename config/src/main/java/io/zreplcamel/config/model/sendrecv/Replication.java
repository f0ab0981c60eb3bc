package io.zreplcamel.config.model.sendrecv;

/**
 * {@code replication}: guarantee modes for initial (full) and incremental steps, and concurrency limits
 * ({@code steps}: concurrently executing steps incl. per-filesystem planning; {@code sizeEstimates}: concurrent
 * dry-run size estimations).
 *
 * @param abortStaleResumeToken zrepl-camel's extension {@code resume.abort_stale_token} (default
 *                              {@link #ABORT_STALE_RESUME_TOKEN_DEFAULT}): when the receiver's resume token names a
 *                              version the sender no longer has, discard the partial receive ({@code zfs recv -A})
 *                              and plan anew instead of failing the filesystem with the stale-token conflict
 */
public record Replication(GuaranteeKind initialProtection, GuaranteeKind incrementalProtection,
                          int concurrentSteps, int concurrentSizeEstimates, boolean abortStaleResumeToken) {

    /** The section and key below {@code replication}: {@code replication.resume.abort_stale_token}. */
    public static final String RESUME_KEY = "resume";
    public static final String ABORT_STALE_TOKEN_KEY = "abort_stale_token";

    /** Off: a stale token is an error the operator resolves (zrepl's behaviour). */
    public static final boolean ABORT_STALE_RESUME_TOKEN_DEFAULT = false;

    public static final Replication DEFAULTS = new Replication(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_RESUMABILITY, 1, 4);

    /** With {@code resume.abort_stale_token} at its default (off). */
    public Replication(GuaranteeKind initialProtection, GuaranteeKind incrementalProtection, int concurrentSteps,
            int concurrentSizeEstimates) {
        this(initialProtection, incrementalProtection, concurrentSteps, concurrentSizeEstimates,
                ABORT_STALE_RESUME_TOKEN_DEFAULT);
    }
}
