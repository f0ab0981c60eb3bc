package io.zreplcamel.app.jobs;

import io.zreplcamel.processors.job.JobSnapshotting;
import io.zreplcamel.processors.job.SnapJobTrigger;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import java.time.Clock;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot schedule of a push or source job as its route's first steps: {@link #due} on every timer tick
 * (periodic sync-up or cron, as in snap jobs), {@link #snapshot} records the run's snapshots on the exchange, and
 * {@link #finished} moves the schedule on when the run (with the push's replication) is over.
 */
final class ScheduledSnapshots {

    static final String RUN_STARTED = SnapJobBean.RUN_STARTED;
    static final String SNAPSHOT_REPORT = SnapJobBean.SNAPSHOT_REPORT;
    static final String SNAPSHOT_ERROR = SnapJobBean.SNAPSHOT_ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledSnapshots.class);

    private final JobSnapshotting snapshotting;
    private final SnapJobTrigger trigger;
    private final Clock clock;

    ScheduledSnapshots(JobSnapshotting snapshotting, Clock clock) {
        this.snapshotting = Objects.requireNonNull(snapshotting, "snapshotting");
        this.trigger = new SnapJobTrigger(snapshotting.schedule());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    String jobName() {
        return snapshotting.job().name();
    }

    boolean due() {
        if (!trigger.initialized()) {
            Instant now = clock.instant();
            if (!trigger.mayInitialize(now)) {
                return false;
            }
            try {
                Optional<Instant> first = snapshotting.firstRun();
                trigger.initialize(first);
                LOG.info("job {}: first snapshot run {}", jobName(),
                        first.map(Instant::toString).orElse("never (manual)"));
            } catch (RuntimeException e) {
                Instant retry = now.plus(snapshotting.firstRunRetryWait());
                trigger.initializationFailed(retry);
                LOG.error("job {}: cannot determine the first run, retrying at {}: {}", jobName(), retry,
                        e.getMessage());
                return false;
            }
        }
        return trigger.isDue(clock.instant());
    }

    void snapshot(Exchange exchange) {
        Instant start = clock.instant();
        trigger.started(start);
        exchange.setProperty(RUN_STARTED, start);
        try {
            SnapshotRunReport report = snapshotting.snapshot();
            exchange.setProperty(SNAPSHOT_REPORT, report);
            if (report.hadError()) {
                LOG.error("job {}: one or more snapshots could not be created, check logs for details", jobName());
            }
        } catch (RuntimeException e) {
            LOG.error("job {}: snapshotting failed: {}", jobName(), e.getMessage());
            exchange.setProperty(SNAPSHOT_ERROR, String.valueOf(e.getMessage()));
        }
    }

    /** The run is over: the next one is scheduled; returns the cron fire times skipped meanwhile. */
    long finished(Instant end) {
        long skipped = trigger.finished(end, snapshotting.periodic());
        if (skipped > 0) {
            LOG.warn("job {}: cron frequency is too high; snapshots were not taken {} times", jobName(), skipped);
        }
        return skipped;
    }

    /** For status: the next run, {@code manual} when only {@code signal wakeup} runs it, null before the first tick. */
    String nextRunStatus() {
        if (snapshotting.job().snapshotting() instanceof Snapshotting.Manual) {
            return JobStatus.MANUAL;
        }
        if (!trigger.initialized()) {
            return null;
        }
        return trigger.nextRun().map(Instant::toString).orElse(JobStatus.MANUAL);
    }

    Optional<Instant> nextRun() {
        return trigger.nextRun();
    }

    long skipped() {
        return trigger.skipped();
    }

    static Optional<SnapshotRunReport> report(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(SNAPSHOT_REPORT, SnapshotRunReport.class));
    }

    static Optional<String> error(Exchange exchange) {
        return Optional.ofNullable(exchange.getProperty(SNAPSHOT_ERROR, String.class));
    }
}
