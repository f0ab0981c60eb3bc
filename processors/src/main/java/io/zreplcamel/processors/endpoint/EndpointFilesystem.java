package io.zreplcamel.processors.endpoint;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A filesystem as an endpoint lists it for replication planning (zrepl's {@code ListFilesystems} entry).
 *
 * @param path             on a sender the dataset's name; on a receiver the path below the client root, so that
 *                         sender and receiver entries of the same filesystem have the same path
 * @param placeholder      {@code zrepl:placeholder=on} with local source (receivers: no versions for planning)
 * @param resumeToken      the receiver's {@code receive_resume_token}, when a resumable receive was interrupted
 * @param snapshotsChanged OpenZFS ≥ 2.2 {@code snapshots_changed} (seconds), absent when the pool does not have it;
 *                         lets a run skip listing versions of filesystems that did not change since the last run
 */
public record EndpointFilesystem(String path, boolean placeholder, Optional<String> resumeToken,
        OptionalLong snapshotsChanged) {

    public EndpointFilesystem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resumeToken, "resumeToken");
        Objects.requireNonNull(snapshotsChanged, "snapshotsChanged");
    }

    public static EndpointFilesystem of(String path) {
        return new EndpointFilesystem(path, false, Optional.empty(), OptionalLong.empty());
    }
}
