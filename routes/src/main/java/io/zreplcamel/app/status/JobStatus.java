package io.zreplcamel.app.status;

import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as {@code zrepl-camel status} shows it (docs/status.md), in its JSON shape: times as ISO-8601 strings,
 * {@code null} for what does not apply.
 *
 * @param type        the job's type ({@code push}, {@code sink}, ...)
 * @param state       {@code waiting} for its next run, {@code woken} (by {@code signal wakeup}, the run starts on the
 *                    next tick), {@code running}; {@code serving} for sink and source jobs' listeners
 * @param phase       while running: {@code snapshotting}, {@code replicating}, {@code pruning sender},
 *                    {@code pruning receiver}, {@code pruning}
 * @param runStarted  when the running run started
 * @param nextRun     when the schedule runs the job next; {@code manual} when only {@code signal wakeup} does
 * @param replication the replication in progress, or the last one (push and pull jobs)
 * @param lastRun     the last finished run, as its event (docs/events.md)
 * @param lastRunSummary the one-line summary of the last run, as the daemon logged it
 * @param lastRunFailed  whether the last run had errors
 * @param clients     sink jobs: the client identities served since the daemon started
 */
public record JobStatus(String type, String state, String phase, String runStarted, String nextRun,
                        Replication replication, FinishedRun lastRun, String lastRunSummary, Boolean lastRunFailed,
                        List<String> clients) {

    public JobStatus {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }

    /** A job that runs: its summary and outcome come from {@code lastRun} (null before the first run ended). */
    public static JobStatus of(String type, String state, String phase, String runStarted, String nextRun,
                               Replication replication, FinishedRun lastRun) {
        return new JobStatus(type, state, phase, runStarted, nextRun, replication, lastRun,
                lastRun == null ? null : lastRun.summary(), lastRun == null ? null : lastRun.hadError(), null);
    }

    /** A replication: its attempts so far and, of the latest one, every filesystem. */
    public record Replication(String started, String finished, List<Attempt> attempts, long bytesExpected,
                              long bytesReplicated, List<Filesystem> filesystems) {
    }

    /** One attempt; {@code error} is the attempt-level error (listing failed, the peer was not reachable). */
    public record Attempt(int number, String started, String finished, String state, String error) {
    }

    /** One sender filesystem in the latest attempt; {@code step} names the step running now. */
    public record Filesystem(String filesystem, String state, int stepsDone, int stepsTotal, long bytesExpected,
                             long bytesReplicated, String step, String error, String conflict) {
    }

    /** What {@code nextRun} says of a job that runs only when woken. */
    public static final String MANUAL = "manual";

    public static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    public static Replication replication(ReplicationReport r) {
        List<Attempt> attempts = r.attempts().stream()
                .map(a -> new Attempt(a.number(), a.started().toString(), time(a.finished()), a.state().jsonName(),
                        a.error().orElse(null)))
                .toList();
        List<Filesystem> fss = r.lastAttempt().map(AttemptReport::filesystems).orElse(List.of()).stream()
                .map(JobStatus::filesystem)
                .toList();
        long expected = fss.stream().mapToLong(Filesystem::bytesExpected).sum();
        long replicated = fss.stream().mapToLong(Filesystem::bytesReplicated).sum();
        return new Replication(r.started().toString(), time(r.finished()), attempts, expected, replicated, fss);
    }

    private static Filesystem filesystem(FilesystemReport f) {
        return new Filesystem(f.filesystem(), f.state().jsonName(), f.stepsDone(), f.stepsTotal(), f.bytesExpected(),
                f.bytesReplicated(), f.currentStep().orElse(null), f.error().orElse(null),
                f.conflict().map(ConflictKind::jsonName).orElse(null));
    }
}
