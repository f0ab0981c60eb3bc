package io.zreplcamel.config.model.sendrecv;

/**
 * {@code replication}: guarantee modes for initial (full) and incremental steps, and concurrency limits
 * ({@code steps}: concurrently executing steps incl. per-filesystem planning; {@code sizeEstimates}: concurrent
 * dry-run size estimations).
 */
public record Replication(GuaranteeKind initialProtection, GuaranteeKind incrementalProtection,
                          int concurrentSteps, int concurrentSizeEstimates) {

    public static final Replication DEFAULTS = new Replication(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_RESUMABILITY, 1, 4);
}
