package io.zreplcamel.app.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The published shape of a snap job's run event ({@code "type": "snap-run"}), as plain values so that any JSON
 * library writes it the same way: strings for timestamps (ISO-8601) and enum labels, {@code null} for what did
 * not happen, empty lists and maps rather than missing keys. Fields are written in declaration order.
 */
public record SnapJobEventJson(String type, String job, String started, String finished, boolean ok,
                               List<Filesystem> snapshots, String snapshotError, List<Plan> pruning,
                               String pruneError, List<String> destroyed, Map<String, String> destroyFailed,
                               String nextRun, long cronSkipped) {

    /** One filesystem's snapshot and hook steps. */
    public record Filesystem(String filesystem, String state, String snapshot, String error, List<Hook> hooks) {
    }

    /** One hook step; {@code output} (the end of it) only for a failed step that wrote something. */
    public record Hook(String edge, String hook, String status, String error,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String output) {
    }

    /** One filesystem's pruning plan: snapshot names (without the filesystem) to keep and to destroy. */
    public record Plan(String filesystem, String skipped, String error, List<String> keep, List<String> destroy) {
    }
}
