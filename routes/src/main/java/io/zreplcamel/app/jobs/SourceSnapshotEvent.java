package io.zreplcamel.app.jobs;

import io.zreplcamel.app.status.FinishedRun;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What one snapshot run of a source job did ({@code "type": "source-snapshot"}); a source does not prune. */
public record SourceSnapshotEvent(String job, Instant started, Instant finished, Optional<SnapshotRunReport> snapshots,
                                  Optional<String> snapshotError, Optional<Instant> nextRun, long cronSkipped) implements FinishedRun {

    public boolean hadError() {
        return snapshotError.isPresent() || snapshots.map(SnapshotRunReport::hadError).orElse(false);
    }

    public String summary() {
        return (hadError() ? "snapshot run finished with errors" : "snapshot run finished") + ": "
                + snapshots.map(r -> r.snapshotsTaken().size()).orElse(0) + " snapshot(s) taken"
                + nextRun.map(n -> ", next run " + n).orElse("");
    }

    /** The published form: the snap event's fields that apply to a source (docs/events.md). */
    public record Json(String type, String job, String started, String finished, boolean ok,
                       List<SnapJobEventJson.Filesystem> snapshots, String snapshotError, String nextRun,
                       long cronSkipped) {
    }

    @JsonValue
    public Json json() {
        return new Json("source-snapshot", job, started.toString(), finished.toString(), !hadError(),
                snapshots.map(r -> r.filesystems().stream().map(SnapJobEvent::filesystem).toList()).orElse(List.of()),
                snapshotError.orElse(null), nextRun.map(Instant::toString).orElse(null), cronSkipped);
    }
}
