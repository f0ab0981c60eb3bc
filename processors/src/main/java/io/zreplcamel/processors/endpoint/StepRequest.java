package io.zreplcamel.processors.endpoint;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One replication step as the active side asks the sender for it (zrepl's {@code SendReq}): the same request is
 * used for the size estimate, the send and {@code SendCompleted}.
 *
 * @param filesystem           the sender's dataset
 * @param from                 incremental source (snapshot or bookmark), empty for a full send
 * @param to                   the snapshot the step ends at
 * @param resumeToken          the receiver's token when this step resumes an interrupted receive ({@code -t})
 * @param includeIntermediates {@code -I}: one stream carrying every snapshot between {@code from} and {@code to}
 *                             (catch-up of many snapshots in one process pair); {@code -i} otherwise
 * @param protection           the job's guarantee modes
 */
public record StepRequest(String filesystem, Optional<FilesystemVersion> from, FilesystemVersion to,
        Optional<String> resumeToken, boolean includeIntermediates, Protection protection) {

    public StepRequest {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(resumeToken, "resumeToken");
        Objects.requireNonNull(protection, "protection");
        if (!to.isSnapshot()) {
            throw new IllegalArgumentException("a step's `to` must be a snapshot, not " + to.fullName(filesystem));
        }
        if (includeIntermediates && from.isEmpty()) {
            throw new IllegalArgumentException("-I needs an incremental source");
        }
    }

    public boolean initial() {
        return from.isEmpty();
    }

    /** Human-readable: {@code fs@a -> @b}, {@code fs (full) -> @b}, with {@code (resumed)}. */
    public String describe() {
        return filesystem + " " + from.map(FilesystemVersion::relativeName).orElse("(full)") + (includeIntermediates
                ? " =>" : " ->") + " " + to.relativeName() + (resumeToken.isPresent() ? " (resumed)" : "");
    }

    /** Every snapshot name the step ends with on the receiver (for {@code -I}, the caller knows the intermediates). */
    public List<FilesystemVersion> endpoints() {
        return from.isPresent() ? List.of(from.get(), to) : List.of(to);
    }
}
