package io.zreplcamel.app.jobs;

import io.zreplcamel.processors.job.SnapJobRunner;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.model.DestroyResult;
import java.time.Clock;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.app.status.StatusSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code zrepl-snap-job} route template for one snap job, as bean methods the YAML route calls
 * in order: {@link #due}, {@link #snapshot}, {@link #planPruning}, then {@code zfs:destroy}, then {@link #report}
 * (whose event the route marshals to JSON). A run woken by {@code signal wakeup} prunes only, as zrepl's snap job
 * does on wakeup: the route skips {@link #snapshot} for it.
 * Each step records what it did on the exchange so the last one can emit one event per run; failures of one
 * step are recorded, not thrown, so a failed snapshot still lets pruning and the report happen (as in zrepl).
 */
public final class SnapJobBean implements StatusSource {

    /** Exchange properties carrying a run's parts to {@link #report}. */
    public static final String RUN_STARTED = "zreplRunStarted";
    public static final String SNAPSHOT_REPORT = "zreplSnapshotReport";
    public static final String SNAPSHOT_ERROR = "zreplSnapshotError";
    public static final String PRUNE_PLANS = "zreplPrunePlans";
    public static final String PRUNE_ERROR = "zreplPruneError";

    private static final Logger LOG = LoggerFactory.getLogger(SnapJobBean.class);

    private final SnapJobRunner runner;
    /** The same schedule as push and source jobs (periodic sync-up or cron; first run; skipped cron times). */
    private final ScheduledSnapshots schedule;
    private final Clock clock;
    private final AtomicReference<SnapJobEvent> lastRun = new AtomicReference<>();
    private final RunProgress progress = new RunProgress();
    private final RunObserver observer;
    private final JobSignals signals;

    public SnapJobBean(SnapJobRunner runner, Clock clock) {
        this(runner, clock, RunObserver.NONE);
    }

    public SnapJobBean(SnapJobRunner runner, Clock clock, RunObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = new ScheduledSnapshots(runner.snapshotting(), clock);
        this.signals = new JobSignals(runner.job().name(), false);
    }

    public String jobName() {
        return runner.job().name();
    }

    /** The job's wakeup signal (a snap job cannot be reset). */
    public JobSignals signals() {
        return signals;
    }

    /**
     * Called on every timer tick: is a run due? A woken run starts now (pruning only); otherwise the schedule
     * decides, and the first tick computes the first run (periodic sync-up).
     */
    public boolean due(Exchange exchange) {
        if (signals.startIfWoken()) {
            exchange.setProperty(PushJobBean.WOKEN_UP, true);
            exchange.setProperty(RUN_STARTED, clock.instant());
            LOG.info("job {}: woken up (signal wakeup): pruning now, no snapshots", jobName());
            progress.started(clock.instant());
            return true;
        }
        if (!schedule.due()) {
            return false;
        }
        signals.startScheduled();
        progress.started(clock.instant());
        return true;
    }

    /** Takes the run's snapshots (hooks around them); the route skips this for a woken run. */
    public void snapshot(Exchange exchange) {
        progress.phase("snapshotting");
        schedule.snapshot(exchange);
    }

    /** Plans pruning and puts the snapshots to destroy into the {@code zfs:destroy} header. */
    public void planPruning(Exchange exchange) {
        progress.phase("pruning");
        List<String> destroy = List.of();
        try {
            List<FilesystemPrunePlan> plans = runner.planPruning();
            exchange.setProperty(PRUNE_PLANS, plans);
            destroy = SnapJobRunner.toDestroy(plans);
        } catch (RuntimeException e) {
            LOG.error("job {}: pruning could not be planned: {}", jobName(), e.getMessage());
            exchange.setProperty(PRUNE_ERROR, String.valueOf(e.getMessage()));
        }
        exchange.getMessage().setHeader(ZfsConstants.SNAPSHOTS, destroy);
        exchange.getMessage().setBody(null);
    }

    /** The batched destroy failed as a whole (not per snapshot): recorded as the run's pruning error. */
    public void destroyFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = e == null ? "zfs destroy failed" : "destroying failed: " + e.getMessage();
        LOG.error("job {}: {}", jobName(), message);
        exchange.setProperty(PRUNE_ERROR, message);
        exchange.getMessage().setBody(null);
    }

    /**
     * Ends the run: the body becomes the run's event, an object that the route marshals to JSON for its events
     * endpoint.
     */
    public SnapJobEvent report(Exchange exchange) {
        Instant end = clock.instant();
        // a woken run is not one of the schedule's: the schedule's next run stays as it was
        if (!PushJobBean.wokenUp(exchange)) {
            schedule.finished(end);
        }
        Object body = exchange.getMessage().getBody();
        DestroyResult destroyed = body instanceof DestroyResult d ? d : null;
        @SuppressWarnings("unchecked")
        SnapJobEvent event = new SnapJobEvent(jobName(),
                exchange.getProperty(RUN_STARTED, end, Instant.class), end,
                Optional.ofNullable(exchange.getProperty(SNAPSHOT_REPORT, SnapshotRunReport.class)),
                Optional.ofNullable(exchange.getProperty(SNAPSHOT_ERROR, String.class)),
                Optional.ofNullable((List<FilesystemPrunePlan>) exchange.getProperty(PRUNE_PLANS, List.class)),
                Optional.ofNullable(exchange.getProperty(PRUNE_ERROR, String.class)),
                Optional.ofNullable(destroyed), schedule.nextRun(), schedule.skipped());
        lastRun.set(event);
        progress.finished();
        observer.snapRun(event);
        LOG.info("job {}: {}", jobName(), event.summary());
        signals.finished(new JobSignals.RunOutcome(event.hadError(), event.summary()));
        return event;
    }

    /** The most recent finished run, for status views. */
    public Optional<SnapJobEvent> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    @Override
    public JobStatus status() {
        return JobStatus.of("snap", signals.stateName(), progress.phase(), progress.startedText(),
                schedule.nextRunStatus(), null, lastRun.get());
    }
}
