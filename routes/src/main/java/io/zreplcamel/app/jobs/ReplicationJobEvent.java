package io.zreplcamel.app.jobs;

import io.zreplcamel.app.status.FinishedRun;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one invocation of a push or pull job did, as data: for a push the snapshots taken first, then the
 * replication and the pruning of both sides ({@link InvocationReport}), or the error that kept the invocation from
 * reporting at all. The route marshals it to JSON ({@link #json} is its published form).
 *
 * @param kind {@code push} or {@code pull}
 */
public record ReplicationJobEvent(String job, String kind, Instant started, Instant finished,
                                  Optional<SnapshotRunReport> snapshots, Optional<String> snapshotError,
                                  Optional<InvocationReport> invocation, Optional<String> invocationError,
                                  Optional<Instant> nextRun) implements FinishedRun {

    public ReplicationJobEvent {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean hadError() {
        return snapshotError.isPresent() || invocationError.isPresent()
                || snapshots.map(SnapshotRunReport::hadError).orElse(false)
                || invocation.map(i -> !i.replication().successful() || !i.senderPruning().successful()
                || !i.receiverPruning().successful()).orElse(true);
    }

    public String summary() {
        if (invocation.isEmpty()) {
            return "invocation failed: " + invocationError.orElse("no report");
        }
        InvocationReport i = invocation.get();
        List<FilesystemReport> fss = i.replication().lastAttempt().map(AttemptReport::filesystems).orElse(List.of());
        long done = fss.stream().filter(f -> f.state().jsonName().equals("done")).count();
        return (hadError() ? "invocation finished with errors" : "invocation finished") + ": "
                + snapshots.map(r -> r.snapshotsTaken().size() + " snapshot(s) taken, ").orElse("")
                + done + "/" + fss.size() + " filesystem(s) replicated in " + i.replication().attempts().size()
                + " attempt(s), pruned " + i.senderPruning().destroyed().size() + " on the sender and "
                + i.receiverPruning().destroyed().size() + " on the receiver"
                + nextRun.map(n -> ", next run " + n).orElse("");
    }

    @JsonValue
    public ReplicationJobEventJson json() {
        List<SnapJobEventJson.Filesystem> fss = snapshots.map(r -> r.filesystems().stream()
                .map(SnapJobEvent::filesystem).toList()).orElse(List.of());
        return new ReplicationJobEventJson(kind + "-run", job, kind, started.toString(), finished.toString(),
                !hadError(), fss, snapshotError.orElse(null),
                invocation.map(i -> replication(i.replication())).orElse(null), invocationError.orElse(null),
                invocation.map(i -> new ReplicationJobEventJson.Pruning(side(i.senderPruning()),
                        side(i.receiverPruning()))).orElse(null),
                nextRun.map(Instant::toString).orElse(null));
    }

    private static ReplicationJobEventJson.Replication replication(ReplicationReport r) {
        List<ReplicationJobEventJson.Attempt> attempts = r.attempts().stream()
                .map(a -> new ReplicationJobEventJson.Attempt(a.number(), a.started().toString(),
                        a.finished().map(Instant::toString).orElse(null), a.state().jsonName(), a.error().orElse(null)))
                .toList();
        List<ReplicationJobEventJson.Filesystem> fss = r.lastAttempt().map(AttemptReport::filesystems)
                .orElse(List.of()).stream()
                .map(f -> new ReplicationJobEventJson.Filesystem(f.filesystem(), f.state().jsonName(), f.stepsDone(),
                        f.stepsTotal(), f.bytesExpected(), f.bytesReplicated(), f.error().orElse(null),
                        f.conflict().map(ConflictKind::jsonName).orElse(null)))
                .toList();
        String state = r.lastAttempt().map(a -> a.state().jsonName()).orElse(null);
        return new ReplicationJobEventJson.Replication(r.started().toString(),
                r.finished().map(Instant::toString).orElse(null), state, r.filesystemErrors(), attempts, fss);
    }

    private static ReplicationJobEventJson.Side side(PruningReport p) {
        return new ReplicationJobEventJson.Side(p.destroyed(), new TreeMap<>(p.failed()), p.error().orElse(null));
    }
}
