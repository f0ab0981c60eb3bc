package io.zreplcamel.processors.job;

import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.time.Instant;
import java.util.Objects;

/** One invocation of a push or pull job: replication, then pruning of the sender, then of the receiver. */
public record InvocationReport(String job, Instant started, Instant finished, ReplicationReport replication,
        PruningReport senderPruning, PruningReport receiverPruning) {

    public InvocationReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(senderPruning, "senderPruning");
        Objects.requireNonNull(receiverPruning, "receiverPruning");
    }
}
