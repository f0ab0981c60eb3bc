package io.zreplcamel.app.jobs;

import io.zreplcamel.app.status.FinishedRun;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zreplcamel.processors.hooks.HookStepReport;
import io.zreplcamel.processors.hooks.HookStepStatus;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.snapshotting.FilesystemSnapshotReport;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.zfs.model.DestroyResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one run of a snap job did, as data. {@link SnapJobBean#report} makes it the exchange's body; the route
 * marshals it to JSON ({@link #json} is its published form) and sends it to the events endpoint.
 */
public record SnapJobEvent(String job, Instant started, Instant finished, Optional<SnapshotRunReport> snapshots,
                           Optional<String> snapshotError, Optional<List<FilesystemPrunePlan>> prunePlans,
                           Optional<String> pruneError, Optional<DestroyResult> destroyed, Optional<Instant> nextRun,
                           long cronSkipped) implements FinishedRun {

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

    /**
     * The event as it is published: camel-jackson marshals this object (not the domain types above, whose shape
     * is not a contract) in the route's {@code marshal} step. The field names and their order are the documented
     * event format (docs/events.md); timestamps are ISO-8601 strings.
     */
    @JsonValue
    public SnapJobEventJson json() {
        List<SnapJobEventJson.Filesystem> fss = snapshots.map(r -> r.filesystems().stream()
                .map(SnapJobEvent::filesystem).toList()).orElse(List.of());
        List<SnapJobEventJson.Plan> plans = prunePlans.map(ps -> ps.stream().map(SnapJobEvent::plan).toList())
                .orElse(List.of());
        Map<String, String> failed = new TreeMap<>();
        destroyed.ifPresent(d -> d.failed().forEach((k, v) -> failed.put(k, v.getMessage())));
        return new SnapJobEventJson("snap-run", job, started.toString(), finished.toString(), !hadError(), fss,
                snapshotError.orElse(null), plans, pruneError.orElse(null),
                destroyed.map(DestroyResult::destroyed).orElse(List.of()), failed,
                nextRun.map(Instant::toString).orElse(null), cronSkipped);
    }

    static SnapJobEventJson.Filesystem filesystem(FilesystemSnapshotReport fs) {
        List<SnapJobEventJson.Hook> hooks = new ArrayList<>();
        for (HookStepReport s : fs.hooks().steps()) {
            String output = s.status() == HookStepStatus.ERR && !s.output().isEmpty() ? tail(s.output()) : null;
            hooks.add(new SnapJobEventJson.Hook(s.edge().label(), s.hook(), s.status().label(), s.error().orElse(null),
                    output));
        }
        return new SnapJobEventJson.Filesystem(fs.filesystem(), fs.state().name(), fs.snapshotName().orElse(null),
                fs.error().orElse(null), hooks);
    }

    /**
     * The end of a failed hook's output: enough to see why, while an event stays small for whatever transports
     * it (the whole bounded output is in the daemon's log).
     */
    static String tail(String output) {
        return output.length() <= MAX_HOOK_OUTPUT_CHARS ? output
                : "(...)" + output.substring(output.length() - MAX_HOOK_OUTPUT_CHARS);
    }

    private static SnapJobEventJson.Plan plan(FilesystemPrunePlan p) {
        return new SnapJobEventJson.Plan(p.filesystem(),
                p.skipReason().map(FilesystemPrunePlan.SkipReason::message).orElse(null), p.planError().orElse(null),
                p.plan().toKeep().stream().map(s -> s.name()).toList(),
                p.plan().toDestroy().stream().map(s -> s.name()).toList());
    }
}
