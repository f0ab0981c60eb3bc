package io.zreplcamel.app.jobs;

import java.util.List;
import java.util.Map;

/**
 * The published shape of one invocation of a push or pull job ({@code "type": "push-run"} / {@code "pull-run"}), as
 * plain values like {@link SnapJobEventJson}: ISO-8601 strings for times, enum labels, {@code null} for what did not
 * happen, empty lists rather than missing keys. Fields are written in declaration order (docs/events.md).
 */
public record ReplicationJobEventJson(String type, String job, String kind, String started, String finished,
                                      boolean ok, List<SnapJobEventJson.Filesystem> snapshots, String snapshotError,
                                      Replication replication, String invocationError, Pruning pruning,
                                      String nextRun) {

    /** The replication run: its attempts and, from the last attempt, each filesystem's outcome. */
    public record Replication(String started, String finished, String state, long filesystemErrors,
                              List<Attempt> attempts, List<Filesystem> filesystems) {
    }

    /** One attempt; {@code error} is the attempt-level error (listing failed, peer not reachable). */
    public record Attempt(int number, String started, String finished, String state, String error) {
    }

    /** One sender filesystem in the last attempt. */
    public record Filesystem(String filesystem, String state, int stepsDone, int stepsTotal, long bytesExpected,
                             long bytesReplicated, String error, String conflict) {
    }

    /** Pruning of both sides. */
    public record Pruning(Side sender, Side receiver) {
    }

    /** One side's pruning: full snapshot names destroyed, what could not be pruned and why, a side-level error. */
    public record Side(List<String> destroyed, Map<String, String> failed, String error) {
    }
}
