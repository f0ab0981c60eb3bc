package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.pruning.PrunePlanner;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.pruning.PruneSnapshot;
import io.zreplcamel.processors.pruning.PruneTarget;
import io.zreplcamel.processors.pruning.RetentionRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pruning step of a snap job: list the job's filesystems and their versions (two {@code zfs list} processes),
 * plan with the job's keep rules. The daemon's route and the {@code prune}/{@code test prune} verbs all call this
 * one class, so what the CLI shows is what the daemon does.
 *
 * <p>The rules are zrepl's; the job's {@code pruning.protect_newest} (default on) adds the newest snapshot
 * protection ({@link io.zreplcamel.processors.pruning.NewestSnapshotProtection}), so that a run never destroys
 * the snapshot it has just taken. {@link #exactlyAsZrepl} ignores the setting (the CLI's {@code --exact-zrepl}).
 */
public final class SnapJobPruning {

    private final SnapJob job;
    private final LocalDatasets datasets;
    private final PrunePlanner planner;

    /**
     * Pruning as the job's config says, {@code protect_newest} included: what the daemon runs.
     *
     * @throws IllegalArgumentException if the job's keep rules cannot be used locally
     */
    public SnapJobPruning(SnapJob job, LocalDatasets datasets) {
        this(job, datasets, job.protectNewest());
    }

    private SnapJobPruning(SnapJob job, LocalDatasets datasets, boolean protectNewest) {
        this.job = Objects.requireNonNull(job, "job");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.planner = PrunePlanner.of(PruneSide.LOCAL, RetentionRules.forSide(job.keep(), PruneSide.LOCAL))
                .withNewestProtection(protectNewest);
    }

    /**
     * Pruning exactly as zrepl would do it: the job's {@code protect_newest} is ignored.
     *
     * @throws IllegalArgumentException if the job's keep rules cannot be used locally
     */
    public static SnapJobPruning exactlyAsZrepl(SnapJob job, LocalDatasets datasets) {
        return new SnapJobPruning(job, datasets, false);
    }

    public PrunePlanner planner() {
        return planner;
    }

    /** The plan for every filesystem the job's filter accepts, in filesystem path order. */
    public List<FilesystemPrunePlan> plan() {
        return plan(Optional.empty());
    }

    /**
     * The plan as of {@code asOf}: versions created after it are left out (as if the plan had run then).
     */
    public List<FilesystemPrunePlan> plan(Optional<Instant> asOf) {
        List<String> filesystems = datasets.matching(job.filesystems());
        List<PruneTarget> targets = new ArrayList<>();
        datasets.versions(filesystems).forEach((fs, versions) -> targets.add(PruneTarget.local(fs,
                asOf.map(cutoff -> createdUntil(versions, cutoff)).orElse(versions))));
        return planner.planJob(targets, Set.of());
    }

    /** Full names ({@code fs@snap}) of every snapshot the plans destroy, filesystem by filesystem. */
    public static List<String> toDestroy(List<FilesystemPrunePlan> plans) {
        List<String> out = new ArrayList<>();
        for (FilesystemPrunePlan p : plans) {
            for (PruneSnapshot s : p.plan().toDestroy()) {
                out.add(p.filesystem() + "@" + s.name());
            }
        }
        return out;
    }

    private static List<FilesystemVersion> createdUntil(List<FilesystemVersion> versions, Instant cutoff) {
        return versions.stream().filter(v -> !v.creation().isAfter(cutoff)).toList();
    }
}
