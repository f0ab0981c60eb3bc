package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One planned step of one filesystem: a full send of {@code to}, an incremental from {@code from}, or the resumption
 * of an interrupted receive ({@code resumeToken}).
 *
 * @param from          incremental source (snapshot, or bookmark for the first step only); empty for a full send
 * @param to            always a sender snapshot
 * @param resumeToken   the receiver's token when this step resumes it
 * @param intermediates sender snapshots strictly between {@code from} and {@code to} that the step carries in one
 *                      {@code zfs send -I} stream (oldest first); empty for a plain {@code -i} or full step
 */
public record Step(Optional<FilesystemVersion> from, FilesystemVersion to, Optional<String> resumeToken,
        List<FilesystemVersion> intermediates) {

    public Step {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resumeToken, "resumeToken");
        intermediates = List.copyOf(intermediates);
        if (!to.isSnapshot()) {
            throw new IllegalArgumentException("`to` must be a snapshot: " + to.relativeName());
        }
        if (!intermediates.isEmpty() && from.isEmpty()) {
            throw new IllegalArgumentException("intermediates need an incremental source");
        }
    }

    public static Step full(FilesystemVersion to) {
        return new Step(Optional.empty(), to, Optional.empty(), List.of());
    }

    public static Step incremental(FilesystemVersion from, FilesystemVersion to) {
        return new Step(Optional.of(from), to, Optional.empty(), List.of());
    }

    public boolean resumed() {
        return resumeToken.isPresent();
    }

    public boolean includesIntermediates() {
        return !intermediates.isEmpty();
    }
}
