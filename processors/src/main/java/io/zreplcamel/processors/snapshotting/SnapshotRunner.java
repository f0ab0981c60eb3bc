package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.processors.hooks.HookInvoker;
import io.zreplcamel.processors.hooks.HookPlan;
import io.zreplcamel.processors.hooks.HookPlanReport;
import io.zreplcamel.processors.hooks.HookStepReport;
import io.zreplcamel.processors.hooks.HookStepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Executes a {@link SnapshotRunPlan}: per batch, name it ({@code prefix + format(now)}), run the pre-edges of each
 * filesystem's hooks, take the snapshots with one {@link SnapshotTaker} call, run the post-edges (filesystems in
 * reverse order, each one's hooks in reverse), and report. The only I/O is through the taker and the hook
 * invoker, so a Camel processor supplies the zfs layer and everything else is here.
 * Filesystems whose fatal pre-hook failed are left out of their batch's snapshot call.
 */
public final class SnapshotRunner {

    /** Takes {@code name} of every filesystem in one ZFS command; throws with the reason on failure. */
    @FunctionalInterface
    public interface SnapshotTaker {
        void snapshot(List<String> filesystems, String name) throws Exception;
    }

    private final SnapshotNamer namer;
    private final SnapshotTaker taker;
    private final HookInvoker hooks;
    private final Clock clock;
    private final List<FilesystemSnapshotReport> progress = new CopyOnWriteArrayList<>();

    public SnapshotRunner(SnapshotNamer namer, SnapshotTaker taker, HookInvoker hooks, Clock clock) {
        this.namer = Objects.requireNonNull(namer, "namer");
        this.taker = Objects.requireNonNull(taker, "taker");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The reports so far of the run in progress (for a live status view). */
    public List<FilesystemSnapshotReport> progress() {
        return List.copyOf(progress);
    }

    public SnapshotRunReport run(SnapshotRunPlan plan) {
        Instant started = clock.instant();
        progress.clear();
        List<FilesystemSnapshotReport> done = new ArrayList<>();
        for (SnapshotBatch batch : plan.batches()) {
            done.addAll(runBatch(batch, plan));
        }
        return new SnapshotRunReport(started, Optional.of(clock.instant()), done, plan.warnings());
    }

    private List<FilesystemSnapshotReport> runBatch(SnapshotBatch batch, SnapshotRunPlan plan) {
        Instant begin = clock.instant();
        String name = namer.name(begin);
        List<HookPlan> hookPlans = new ArrayList<>();
        List<String> go = new ArrayList<>();
        for (String fs : batch.filesystems()) {
            HookPlan hp = HookPlan.forSnapshot(plan.hooks(), fs, name, false, hooks, clock);
            hookPlans.add(hp);
            if (hp.runPreEdges()) {
                go.add(fs);
            }
        }
        Optional<String> snapshotError = Optional.empty();
        Instant snapBegin = clock.instant();
        if (!go.isEmpty()) {
            try {
                taker.snapshot(go, name);
            } catch (Exception e) {
                snapshotError = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        Instant snapEnd = clock.instant();
        for (HookPlan hp : hookPlans) {
            hp.recordCallbackResult(snapBegin, snapEnd, snapshotError);
        }
        for (int i = hookPlans.size() - 1; i >= 0; i--) {
            hookPlans.get(i).runPostEdges();
        }
        Instant end = clock.instant();
        List<FilesystemSnapshotReport> out = new ArrayList<>();
        for (int i = 0; i < batch.filesystems().size(); i++) {
            HookPlanReport report = hookPlans.get(i).report();
            Optional<String> error = firstError(report);
            FilesystemSnapshotReport r = new FilesystemSnapshotReport(batch.filesystems().get(i),
                    report.hadError() ? FilesystemSnapshotReport.State.ERROR : FilesystemSnapshotReport.State.DONE,
                    Optional.of(name), Optional.of(begin), Optional.of(end), report, error);
            out.add(r);
            progress.add(r);
        }
        return out;
    }

    private static Optional<String> firstError(HookPlanReport report) {
        HookStepReport snap = report.snapshotStep();
        if (snap.status() == HookStepStatus.ERR) {
            return snap.error().map(e -> "snapshot failed: " + e);
        }
        for (HookStepReport s : report.steps()) {
            if (s.status() == HookStepStatus.ERR) {
                return Optional.of(s.edge().label() + " hook " + s.hook() + " failed: " + s.error().orElse(""));
            }
        }
        return Optional.empty();
    }
}
