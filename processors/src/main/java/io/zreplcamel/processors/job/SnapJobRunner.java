package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.processors.hooks.HookInvoker;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.processors.snapshotting.SnapshotRunner;
import io.zreplcamel.processors.snapshotting.SnapshotSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps of one snap job, each a call the job's route makes: when to start (sync-up), take a run's
 * snapshots (with hooks, through {@link JobSnapshotting}), and plan the pruning. Listing goes through
 * {@link LocalDatasets} (two {@code zfs list} processes per step, whatever the number of filesystems); snapshots are taken by the injected
 * {@link SnapshotRunner.SnapshotTaker} (the route supplies one that calls the {@code zfs:snapshot} endpoint), pruning
 * is planned by {@link SnapJobPruning} (shared with the CLI), and destroying the planned snapshots is the route's
 * next step ({@code zfs:destroy}).
 */
public final class SnapJobRunner {

    /** The shortest wait before retrying a failed first-run computation, for very short intervals. */
    public static final Duration MIN_RETRY_WAIT = JobSnapshotting.MIN_RETRY_WAIT;

    private final SnapJob job;
    private final JobSnapshotting snapshotting;
    private final SnapJobPruning pruning;

    /** Pruning is planned as the job's config says ({@code pruning.protect_newest} included): {@link SnapJobPruning}. */
    public SnapJobRunner(SnapJob job, LocalDatasets datasets, SnapshotRunner.SnapshotTaker taker, HookInvoker hooks,
                         Clock clock, ZoneId daemonZone) {
        this.job = Objects.requireNonNull(job, "job");
        this.snapshotting = new JobSnapshotting(job, datasets, taker, hooks, clock, daemonZone);
        this.pruning = new SnapJobPruning(job, datasets);
    }

    public SnapJob job() {
        return job;
    }

    /** The snapshot + hooks part, shared with push and source jobs. */
    public JobSnapshotting snapshotting() {
        return snapshotting;
    }

    public SnapshotSchedule schedule() {
        return snapshotting.schedule();
    }

    /** See {@link JobSnapshotting#firstRunRetryWait()}. */
    public Duration firstRunRetryWait() {
        return snapshotting.firstRunRetryWait();
    }

    public boolean periodic() {
        return snapshotting.periodic();
    }

    /** See {@link JobSnapshotting#firstRun()}. */
    public Optional<Instant> firstRun() {
        return snapshotting.firstRun();
    }

    /** Takes this run's snapshots of every filesystem the filter accepts, hooks around them. */
    public SnapshotRunReport snapshot() {
        return snapshotting.snapshot();
    }

    /** The pruning plan for every filesystem the filter accepts, from one listing of their versions. */
    public List<FilesystemPrunePlan> planPruning() {
        return pruning.plan();
    }

    /** Full names ({@code fs@snap}) of every snapshot the plans destroy. */
    public static List<String> toDestroy(List<FilesystemPrunePlan> plans) {
        return SnapJobPruning.toDestroy(plans);
    }
}
