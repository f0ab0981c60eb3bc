package io.zreplcamel.app.jobs;

import io.zreplcamel.app.cli.Json;
import io.zreplcamel.processors.hooks.HookStepReport;
import io.zreplcamel.processors.hooks.HookStepStatus;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.snapshotting.FilesystemSnapshotReport;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.zfs.model.DestroyResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What one run of a snap job did, as data; {@link #toJson} is the event body sent to the events endpoint. */
public record SnapJobEvent(String job, Instant started, Instant finished, Optional<SnapshotRunReport> snapshots,
                           Optional<String> snapshotError, Optional<List<FilesystemPrunePlan>> prunePlans,
                           Optional<String> pruneError, Optional<DestroyResult> destroyed, Optional<Instant> nextRun,
                           long cronSkipped) {

    /** How much of a failed hook's output an event carries. */
    static final int MAX_HOOK_OUTPUT_CHARS = 4096;

    public boolean hadError() {
        return snapshotError.isPresent() || pruneError.isPresent()
                || snapshots.map(SnapshotRunReport::hadError).orElse(false)
                || prunePlans.map(ps -> ps.stream().anyMatch(p -> p.planError().isPresent())).orElse(false)
                || destroyed.map(d -> !d.allDestroyed()).orElse(false);
    }

    public String summary() {
        int taken = snapshots.map(r -> r.snapshotsTaken().size()).orElse(0);
        int destroyedCount = destroyed.map(d -> d.destroyed().size()).orElse(0);
        return (hadError() ? "run finished with errors" : "run finished") + ": " + taken + " snapshot(s) taken, "
                + destroyedCount + " destroyed" + nextRun.map(n -> ", next run " + n).orElse("");
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "snap-run");
        m.put("job", job);
        m.put("started", started.toString());
        m.put("finished", finished.toString());
        m.put("ok", !hadError());
        List<Object> fss = new ArrayList<>();
        snapshots.ifPresent(r -> r.filesystems().forEach(fs -> fss.add(filesystem(fs))));
        m.put("snapshots", fss);
        m.put("snapshotError", snapshotError.orElse(null));
        List<Object> plans = new ArrayList<>();
        prunePlans.ifPresent(ps -> ps.forEach(p -> plans.add(plan(p))));
        m.put("pruning", plans);
        m.put("pruneError", pruneError.orElse(null));
        m.put("destroyed", destroyed.map(DestroyResult::destroyed).orElse(List.of()));
        Map<String, Object> failed = new TreeMap<>();
        destroyed.ifPresent(d -> d.failed().forEach((k, v) -> failed.put(k, v.getMessage())));
        m.put("destroyFailed", failed);
        m.put("nextRun", nextRun.map(Instant::toString).orElse(null));
        m.put("cronSkipped", cronSkipped);
        return Json.compact(m);
    }

    private static Map<String, Object> filesystem(FilesystemSnapshotReport fs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filesystem", fs.filesystem());
        m.put("state", fs.state().name());
        m.put("snapshot", fs.snapshotName().orElse(null));
        m.put("error", fs.error().orElse(null));
        List<Object> hooks = new ArrayList<>();
        for (HookStepReport s : fs.hooks().steps()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("edge", s.edge().label());
            h.put("hook", s.hook());
            h.put("status", s.status().label());
            h.put("error", s.error().orElse(null));
            if (s.status() == HookStepStatus.ERR && !s.output().isEmpty()) {
                h.put("output", tail(s.output()));
            }
            hooks.add(h);
        }
        m.put("hooks", hooks);
        return m;
    }

    /**
     * The end of a failed hook's output: enough to see why, while an event stays small for whatever transports
     * it (the whole bounded output is in the daemon's log).
     */
    static String tail(String output) {
        return output.length() <= MAX_HOOK_OUTPUT_CHARS ? output
                : "(...)" + output.substring(output.length() - MAX_HOOK_OUTPUT_CHARS);
    }

    private static Map<String, Object> plan(FilesystemPrunePlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filesystem", p.filesystem());
        m.put("skipped", p.skipReason().map(FilesystemPrunePlan.SkipReason::message).orElse(null));
        m.put("error", p.planError().orElse(null));
        m.put("keep", p.plan().toKeep().stream().map(s -> s.name()).toList());
        m.put("destroy", p.plan().toDestroy().stream().map(s -> s.name()).toList());
        return m;
    }
}
