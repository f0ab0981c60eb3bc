package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.pruning.FilesystemVersion;
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
 * <p>Grid rules protect their newest matching snapshot unless {@code exactZreplGrid} is asked for
 * ({@link PrunePlanner#protectingNewest()}; zrepl's exact grid can destroy the snapshot a run has just taken).
 */
public final class SnapJobPruning {

    private final SnapJob job;
    private final LocalDatasets datasets;
    private final PrunePlanner planner;

    /**
     * @param exactZreplGrid plan grids exactly as zrepl does (no keep-newest safeguard); the daemon passes false
     * @throws IllegalArgumentException if the job's keep rules cannot be used locally
     */
    public SnapJobPruning(SnapJob job, LocalDatasets datasets, boolean exactZreplGrid) {
        this.job = Objects.requireNonNull(job, "job");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.LOCAL, RetentionRules.forSide(job.keep(), PruneSide.LOCAL));
        this.planner = exactZreplGrid ? zrepl : zrepl.protectingNewest();
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
