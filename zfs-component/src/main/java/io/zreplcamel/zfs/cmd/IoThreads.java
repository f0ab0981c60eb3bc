package io.zreplcamel.zfs.cmd;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads that drain process pipes and enforce stream timeouts. Draining stdout and stderr on their own
 * threads is what keeps a process that fills one pipe while we wait on the other from deadlocking.
 */
final class IoThreads {

    private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(named("proc-io"));
    private static final ScheduledExecutorService TIMERS =
            Executors.newSingleThreadScheduledExecutor(named("proc-timeout"));

    private IoThreads() {
    }

    static ExecutorService drainers() {
        return DRAINERS;
    }

    static ScheduledExecutorService timers() {
        return TIMERS;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
