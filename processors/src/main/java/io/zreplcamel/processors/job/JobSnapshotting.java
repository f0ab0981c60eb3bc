package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.SnapshottingJob;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.processors.hooks.HookInvoker;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.snapshotting.PeriodicSyncUp;
import io.zreplcamel.processors.snapshotting.SnapshotNamer;
import io.zreplcamel.processors.snapshotting.SnapshotRunPlan;
import io.zreplcamel.processors.snapshotting.SnapshotRunPlanner;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.processors.snapshotting.SnapshotRunner;
import io.zreplcamel.processors.snapshotting.SnapshotSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshotting part of any job that takes snapshots (snap, push, source): when to start (periodic sync-up or
 * the cron schedule), and one run's snapshots with hooks around them. Listing goes through {@link LocalDatasets}
 * (two {@code zfs list} processes, whatever the number of filesystems); snapshots are taken by the injected
 * {@link SnapshotRunner.SnapshotTaker}.
 */
public final class JobSnapshotting {

    /** The shortest wait before retrying a failed first-run computation, for very short intervals. */
    public static final Duration MIN_RETRY_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(JobSnapshotting.class);

    private final SnapshottingJob job;
    private final LocalDatasets datasets;
    private final SnapshotRunner snapshotRunner;
    private final SnapshotSchedule schedule;
    private final Clock clock;

    public JobSnapshotting(SnapshottingJob job, LocalDatasets datasets, SnapshotRunner.SnapshotTaker taker,
                           HookInvoker hooks, Clock clock, ZoneId zone) {
        this.job = Objects.requireNonNull(job, "job");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = new SnapshotSchedule(job.snapshotting(), zone);
        this.snapshotRunner = job.snapshotting() instanceof Snapshotting.Manual ? null
                : new SnapshotRunner(SnapshotNamer.of(job.snapshotting()), taker, hooks, clock);
    }

    public SnapshottingJob job() {
        return job;
    }

    public SnapshotSchedule schedule() {
        return schedule;
    }

    /**
     * How long to wait before computing the first run again after it failed (e.g. {@code zfs list} failed): one
     * interval for periodic snapshotting (zrepl's SyncUpErrWait); cron and manual jobs do not list datasets to
     * compute it, so for them this is only a floor of {@link #MIN_RETRY_WAIT}.
     */
    public Duration firstRunRetryWait() {
        if (job.snapshotting() instanceof Snapshotting.Periodic p && p.interval().compareTo(MIN_RETRY_WAIT) > 0) {
            return p.interval();
        }
        return MIN_RETRY_WAIT;
    }

    public boolean periodic() {
        return job.snapshotting() instanceof Snapshotting.Periodic;
    }

    /**
     * When the first run should start: for periodic snapshotting zrepl's sync-up (the earliest "newest prefixed
     * snapshot + interval" over the filesystems, so a restart does not snapshot early); for cron its next fire
     * time; never for manual.
     */
    public Optional<Instant> firstRun() {
        Instant now = clock.instant();
        Snapshotting s = job.snapshotting();
        if (s instanceof Snapshotting.Periodic p) {
            List<String> filesystems = datasets.matching(job.filesystems());
            Map<String, List<FilesystemVersion>> versions = datasets.versions(filesystems);
            List<PeriodicSyncUp.FilesystemSnapshots> input = new ArrayList<>();
            versions.forEach((fs, v) -> input.add(PeriodicSyncUp.FilesystemSnapshots.of(fs, v)));
            PeriodicSyncUp.Result r = PeriodicSyncUp.compute(now, p.interval(), p.prefix(), input);
            r.warnings().forEach(w -> LOG.warn("job {}: {}", job.name(), w));
            r.hardErrors().forEach((fs, e) -> LOG.error("job {}: sync-up: {}: {}", job.name(), fs, e));
            r.error().ifPresent(e -> LOG.error("job {}: sync-up failed: {}", job.name(), e));
            // With every filesystem in error zrepl waits one interval and tries again; so do we.
            return Optional.of(r.syncPoint().orElse(now.plus(p.interval())));
        }
        return schedule.nextAfter(now);
    }

    /** Takes this run's snapshots of every filesystem the filter accepts, hooks around them. */
    public SnapshotRunReport snapshot() {
        if (snapshotRunner == null) {
            return new SnapshotRunReport(clock.instant(), Optional.of(clock.instant()), List.of(), List.of());
        }
        SnapshotRunPlan plan = SnapshotRunPlanner.plan(datasets.matching(job.filesystems()), job.filesystems(),
                job.snapshotting());
        SnapshotRunReport report = snapshotRunner.run(plan);
        report.warnings().forEach(w -> LOG.warn("job {}: {}", job.name(), w));
        return report;
    }
}
