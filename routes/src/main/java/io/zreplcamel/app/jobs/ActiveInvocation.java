package io.zreplcamel.app.jobs;

import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.job.ActiveJobRunner;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.util.Optional;

/**
 * One invocation of an active job (replicate, prune the sender, prune the receiver): in the daemon
 * {@link io.zreplcamel.processors.job.ActiveJobRunner#invoke}; route tests put a recording one in its place.
 */
@FunctionalInterface
public interface ActiveInvocation {

    InvocationReport invoke(Sender sender, Receiver receiver);

    /** For status: what the invocation in progress is doing ({@code replicating}, {@code pruning sender}, ...). */
    default Optional<String> phase() {
        return Optional.empty();
    }

    /** For status: the replication in progress, or the last one. */
    default Optional<ReplicationReport> currentReplication() {
        return Optional.empty();
    }

    /** The daemon's invocation, with its progress for status. */
    static ActiveInvocation of(ActiveJobRunner runner) {
        return new ActiveInvocation() {
            @Override
            public InvocationReport invoke(Sender sender, Receiver receiver) {
                return runner.invoke(sender, receiver);
            }

            @Override
            public Optional<String> phase() {
                return runner.phase();
            }

            @Override
            public Optional<ReplicationReport> currentReplication() {
                return runner.currentReplication();
            }
        };
    }
}
