package io.zreplcamel.app.jobs;

import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.job.InvocationReport;

/**
 * One invocation of an active job (replicate, prune the sender, prune the receiver): in the daemon
 * {@link io.zreplcamel.processors.job.ActiveJobRunner#invoke}; route tests put a recording one in its place.
 */
@FunctionalInterface
public interface ActiveInvocation {

    InvocationReport invoke(Sender sender, Receiver receiver);
}
