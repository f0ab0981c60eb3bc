package io.zreplcamel.platformtest.snap;

import io.zreplcamel.app.daemon.ZreplDaemon;
import io.zreplcamel.config.ZreplConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelContextTracker;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The real daemon ({@link ZreplDaemon}: camel-main, the bundled YAML routes, one templated route per job) running
 * in this JVM on a thread of its own, because a JVM start costs ~10 s under emulation. Every job run's event goes to
 * {@link DaemonEvents}, which the test reads; {@link #stop()} stops the daemon's CamelContext, which ends
 * camel-main's run loop as SIGTERM does.
 */
public final class RunningDaemon {

    /** Upper bound for one daemon in a test, so a test that forgets to stop it cannot hang the suite. */
    private static final long MAX_SECONDS = 600;

    private final CompletableFuture<Integer> exit;
    private final CamelContext context;

    private RunningDaemon(CompletableFuture<Integer> exit, CamelContext context) {
        this.exit = exit;
        this.context = context;
    }

    /** Starts the daemon for {@code config} and returns once its CamelContext exists. */
    public static RunningDaemon start(ZreplConfig config, long tickMillis) throws InterruptedException {
        DaemonEvents.QUEUE.clear();
        AtomicReference<CamelContext> created = new AtomicReference<>();
        CountDownLatch seen = new CountDownLatch(1);
        // camel-main creates the context inside run(); the tracker is Camel's hook for seeing it from outside
        CamelContextTracker tracker = new CamelContextTracker() {
            @Override
            public void contextCreated(CamelContext ctx) {
                if (created.compareAndSet(null, ctx)) {
                    seen.countDown();
                }
            }
        };
        tracker.open();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                exit.complete(new ZreplDaemon(null, config, Map.of("eventsUri", DaemonEvents.URI,
                        "tickMillis", Long.toString(tickMillis))).withMaxDurationSeconds(MAX_SECONDS).run());
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "zrepl-daemon-under-test");
        t.setDaemon(true);
        t.start();
        try {
            while (!seen.await(100, TimeUnit.MILLISECONDS)) {
                if (exit.isDone()) {
                    throw new IllegalStateException("daemon ended before creating its context: " + exit.join());
                }
            }
        } finally {
            tracker.close();
        }
        return new RunningDaemon(exit, created.get());
    }

    /** The daemon's CamelContext (e.g. to read a job route's exchange counts over its management API). */
    public CamelContext context() {
        return context;
    }

    /** The next {@code count} run events (parsed JSON), waiting at most {@code timeout} in total. */
    public List<Map<String, Object>> awaitEvents(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> out = new ArrayList<>();
        while (out.size() < count) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (exit.isDone()) {
                throw new IllegalStateException("daemon ended after " + out.size() + " run(s): " + exit.join());
            }
            String body = left <= 0 ? null : DaemonEvents.QUEUE.poll(Math.min(left, 1000), TimeUnit.MILLISECONDS);
            if (body != null) {
                out.add(json(body));
            } else if (left <= 0) {
                throw new AssertionError("only " + out.size() + " of " + count + " runs within " + timeout + ": "
                        + out);
            }
        }
        return out;
    }

    /** Events of runs that finished but were not taken yet (e.g. the one in flight while stopping). */
    public List<Map<String, Object>> remainingEvents() {
        List<Map<String, Object>> out = new ArrayList<>();
        String body;
        while ((body = DaemonEvents.QUEUE.poll()) != null) {
            out.add(json(body));
        }
        return out;
    }

    /**
     * Stops the context (a run in progress finishes first) and waits for camel-main to return. Call it in a
     * finally block: a daemon left running would keep snapshotting while the pool is destroyed.
     */
    public void stop() throws Exception {
        if (!exit.isDone()) {
            context.stop();
        }
        int code = exit.get(120, TimeUnit.SECONDS);
        if (code != 0) {
            throw new IllegalStateException("daemon exit code " + code);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        // an event is JSON, and JSON is YAML: the config module's parser reads it
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }
}
