package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.FilesystemPlanner;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication run (zrepl's {@code replication/driver}): up to {@link DriverSettings#maxAttempts()} attempts,
 * each re-planned from what is on disk (cursors and resume tokens make that idempotent, so there is no correlation
 * with the previous attempt's plan: docs/replication.md §8). Only an attempt that hit a
 * {@link io.zreplcamel.processors.endpoint.TemporaryConnectivityException} is retried, after
 * {@link DriverSettings#reconnectWait()}; any other error is final for the run and confined to its filesystem.
 *
 * <p>One driver belongs to one job; {@link #run} is not meant to be called concurrently (the job's route runs one
 * invocation at a time). {@link #current()} may be called from any thread.
 */
public final class ReplicationDriver {

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationDriver.class);

    private final DriverSettings settings;
    private final Function<PlanningInput, FilesystemPlan> planner;
    private final Sleeper sleeper;
    private volatile Run live;

    public ReplicationDriver(DriverSettings s) {
        this(s, FilesystemPlanner::plan, d -> Thread.sleep(d.toMillis()));
    }

    /** With another planner and sleeper (tests). */
    ReplicationDriver(DriverSettings s, Function<PlanningInput, FilesystemPlan> planner, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(s, "settings");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public DriverSettings settings() {
        return settings;
    }

    /**
     * Replicates every sender filesystem. Blocks until the run is over; per-filesystem errors are in the report,
     * never thrown. If the calling thread is interrupted the run ends early (unfinished filesystems failed) and the
     * interrupt flag is set again.
     */
    public ReplicationReport run(Sender sender, Receiver receiver) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Run run = new Run(settings.clock().instant());
        live = run;
        try {
            for (int n = 1; n <= settings.maxAttempts(); n++) {
                Attempt attempt = new Attempt(n, settings, planner);
                run.add(attempt);
                attempt.run(sender, receiver);
                if (attempt.state() == AttemptState.DONE) {
                    break;
                }
                Optional<RuntimeException> connectivity = attempt.connectivityError();
                if (connectivity.isEmpty()) {
                    break; // zrepl: "most recent error cannot be solved by reconnecting, aborting run"
                }
                if (n == settings.maxAttempts()) {
                    attempt.noteError("temporary connectivity error, no attempts left (" + MAX_ATTEMPTS_HINT
                            + "): " + Attempt.message(connectivity.get()));
                    break;
                }
                attempt.noteError("temporary connectivity error, next attempt in "
                        + settings.reconnectWait().toSeconds() + "s: " + Attempt.message(connectivity.get()));
                LOG.warn("replication: attempt {} of {} hit a temporary connectivity error, reconnecting in {}: {}",
                        n, settings.maxAttempts(), settings.reconnectWait(), Attempt.message(connectivity.get()));
                sleeper.sleep(settings.reconnectWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("replication run interrupted");
        }
        run.finish(settings.clock().instant());
        return run.report();
    }

    private static final String MAX_ATTEMPTS_HINT = DriverSettings.MAX_ATTEMPTS_ENV;

    /** The run in progress, or the last finished one; empty before the first run. */
    public Optional<ReplicationReport> current() {
        Run r = live;
        return r == null ? Optional.empty() : Optional.of(r.report());
    }

    /** A run's attempts as they come; read by {@link #current()} from other threads. */
    private static final class Run {
        private final Instant started;
        private final List<Attempt> attempts = new ArrayList<>();
        private Optional<Instant> finished = Optional.empty();

        Run(Instant started) {
            this.started = started;
        }

        synchronized void add(Attempt a) {
            attempts.add(a);
        }

        synchronized void finish(Instant at) {
            finished = Optional.of(at);
        }

        synchronized ReplicationReport report() {
            return new ReplicationReport(started, finished, attempts.stream().map(Attempt::report).toList());
        }
    }
}
