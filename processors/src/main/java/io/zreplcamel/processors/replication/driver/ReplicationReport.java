package io.zreplcamel.processors.replication.driver;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One replication run: its attempts, the last one deciding the outcome. */
public record ReplicationReport(Instant started, Optional<Instant> finished, List<AttemptReport> attempts) {

    public ReplicationReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        attempts = List.copyOf(attempts);
    }

    public Optional<AttemptReport> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }

    /** Whether the last attempt finished with every filesystem done. */
    public boolean successful() {
        return lastAttempt().map(a -> a.state() == AttemptState.DONE).orElse(false);
    }

    /**
     * zrepl's {@code filesystem_errors} metric: -1 when the last attempt could not plan, otherwise the number of
     * failed or skipped filesystems.
     */
    public long filesystemErrors() {
        return lastAttempt().map(a -> a.state() == AttemptState.PLANNING_ERROR ? -1L : a.failedFilesystems())
                .orElse(-1L);
    }
}
