package io.zreplcamel.app.jobs;

import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.job.InvocationReport;
import java.time.Clock;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.app.status.StatusSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code zrepl-push-job} route template for one push job: {@link #due} on every tick (its
 * snapshotting schedule, or a pending {@code signal wakeup}), {@link #snapshot}, {@link #invoke} (replicate to the
 * sink, prune both sides), then {@link #report}, whose event the route marshals to JSON. As in zrepl, replication
 * follows every snapshot run, and a failed snapshot run still replicates what is there; a run woken by
 * {@code signal wakeup} replicates and prunes without taking snapshots (the route skips {@link #snapshot} for it).
 */
public final class PushJobBean implements StatusSource {

    public static final String INVOCATION = "zreplInvocation";
    public static final String INVOCATION_ERROR = "zreplInvocationError";
    /** Exchange property: true for a run started by {@code signal wakeup} (no snapshots are taken). */
    public static final String WOKEN_UP = "zreplWokenUp";

    private static final Logger LOG = LoggerFactory.getLogger(PushJobBean.class);

    private final ScheduledSnapshots snapshots;
    private final ActiveInvocation invocation;
    private final Sender sender;
    private final Receiver receiver;
    private final Clock clock;
    private final AtomicReference<ReplicationJobEvent> lastRun = new AtomicReference<>();
    private final JobSignals signals;
    private final RunProgress progress = new RunProgress();
    private final RunObserver observer;

    /**
     * @param sender   the push job's own filesystems
     * @param receiver the sink, through the job's transport
     */
    PushJobBean(ScheduledSnapshots snapshots, ActiveInvocation invocation, Sender sender, Receiver receiver,
            Clock clock, RunObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = new JobSignals(snapshots.jobName(), true);
    }

    public String jobName() {
        return snapshots.jobName();
    }

    /** The job's wakeup and reset signals. */
    public JobSignals signals() {
        return signals;
    }

    /** On every tick: a woken run starts now; otherwise a run is due when the snapshotting schedule says so. */
    public boolean due(Exchange exchange) {
        if (signals.startIfWoken()) {
            startWoken(exchange, clock, jobName());
            progress.started(clock.instant());
            return true;
        }
        if (!snapshots.due()) {
            return false;
        }
        signals.startScheduled();
        progress.started(clock.instant());
        return true;
    }

    static void startWoken(Exchange exchange, Clock clock, String jobName) {
        exchange.setProperty(WOKEN_UP, true);
        exchange.setProperty(ScheduledSnapshots.RUN_STARTED, clock.instant());
        LOG.info("job {}: woken up (signal wakeup): invocation starts now", jobName);
    }

    static boolean wokenUp(Exchange exchange) {
        return exchange.getProperty(WOKEN_UP, false, Boolean.class);
    }

    public void snapshot(Exchange exchange) {
        progress.phase("snapshotting");
        snapshots.snapshot(exchange);
        progress.phase(null);
    }

    /** Replication and pruning of both sides; an exception (not a per-filesystem error) is recorded, not thrown. */
    public void invoke(Exchange exchange) {
        runInvocation(exchange, jobName(), invocation, sender, receiver, signals);
    }

    /** Runs the invocation; {@code signal reset} interrupts it meanwhile (its interrupt is cleared afterwards). */
    static void runInvocation(Exchange exchange, String jobName, ActiveInvocation invocation, Sender sender,
            Receiver receiver, JobSignals signals) {
        signals.invoking();
        try {
            InvocationReport report = invocation.invoke(sender, receiver);
            exchange.setProperty(INVOCATION, report);
        } catch (RuntimeException e) {
            LOG.error("job {}: invocation failed: {}", jobName, e.getMessage(), e);
            exchange.setProperty(INVOCATION_ERROR, String.valueOf(e.getMessage()));
        } finally {
            if (signals.invoked()) {
                LOG.warn("job {}: invocation reset (signal reset): replication was cancelled, pruning skipped",
                        jobName);
                if (exchange.getProperty(INVOCATION) == null && exchange.getProperty(INVOCATION_ERROR) == null) {
                    exchange.setProperty(INVOCATION_ERROR, "reset (signal reset)");
                }
            }
        }
    }

    public ReplicationJobEvent report(Exchange exchange) {
        Instant end = clock.instant();
        if (!wokenUp(exchange)) {
            // a woken run is not one of the schedule's: the schedule's next run stays as it was
            snapshots.finished(end);
        }
        ReplicationJobEvent event = new ReplicationJobEvent(jobName(), "push",
                exchange.getProperty(ScheduledSnapshots.RUN_STARTED, end, Instant.class), end,
                ScheduledSnapshots.report(exchange), ScheduledSnapshots.error(exchange),
                Optional.ofNullable(exchange.getProperty(INVOCATION, InvocationReport.class)),
                Optional.ofNullable(exchange.getProperty(INVOCATION_ERROR, String.class)), snapshots.nextRun());
        lastRun.set(event);
        progress.finished();
        observer.replicationRun(event);
        LOG.info("job {}: {}", jobName(), event.summary());
        signals.finished(new JobSignals.RunOutcome(event.hadError(), event.summary()));
        return event;
    }

    public Optional<ReplicationJobEvent> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    @Override
    public JobStatus status() {
        return activeStatus("push", signals, progress, invocation, snapshots.nextRunStatus(), lastRun.get());
    }

    static JobStatus activeStatus(String type, JobSignals signals, RunProgress progress, ActiveInvocation invocation,
            String nextRun, ReplicationJobEvent lastRun) {
        String phase = progress.phase() != null ? progress.phase() : invocation.phase().orElse(null);
        return JobStatus.of(type, signals.stateName(), phase, progress.startedText(), nextRun,
                invocation.currentReplication().map(JobStatus::replication).orElse(null), lastRun);
    }
}
