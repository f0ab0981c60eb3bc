package io.zreplcamel.processors.replication.driver;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a run.
 *
 * @param number      1-based
 * @param error       the attempt-level error (listing failed, or the temporary connectivity error that made the
 *                    driver try again)
 * @param filesystems one entry per sender filesystem, in sender listing order
 */
public record AttemptReport(int number, Instant started, Optional<Instant> finished, AttemptState state,
        Optional<String> error, List<FilesystemReport> filesystems) {

    public AttemptReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(error, "error");
        filesystems = List.copyOf(filesystems);
    }

    /** Filesystems that failed or were skipped. */
    public long failedFilesystems() {
        return filesystems.stream().filter(f -> f.state() == FilesystemState.FAILED
                || f.state() == FilesystemState.SKIPPED).count();
    }
}
