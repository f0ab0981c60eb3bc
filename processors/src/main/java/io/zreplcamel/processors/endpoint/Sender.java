package io.zreplcamel.processors.endpoint;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The sending side (push: local; pull: the source job). */
public interface Sender extends Endpoint {

    /** Validates the step (encryption policy, versions exist, token matches) and estimates its size in bytes. */
    long estimateSize(StepRequest step);

    /**
     * Applies the step's guarantee before sending (step holds or tentative cursors), cleans up this job's stale
     * abstractions on the filesystem, and starts {@code zfs send}.
     */
    OutgoingStream send(StepRequest step);

    /** The receiver has the step's {@code to}: move the replication cursor there and release step protection. */
    void sendCompleted(StepRequest step);

    /** This job's newest replication cursor per filesystem (empty when there is none): what pruning may rely on. */
    Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems);
}
