package io.zreplcamel.processors.endpoint;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Objects;

/**
 * What the receiver is told about an incoming stream (zrepl's {@code ReceiveReq}).
 *
 * @param filesystem       path below the client root (the sender's dataset name)
 * @param to               the snapshot the stream ends at; verified by guid after the receive
 * @param clearResumeToken discard partial receive state first ({@code zfs recv -A}) because the sender did not use
 *                         the token
 * @param protection       the job's guarantee modes (the receiver picks initial or incremental itself)
 */
public record ReceiveStep(String filesystem, FilesystemVersion to, boolean clearResumeToken, Protection protection) {

    public ReceiveStep {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(protection, "protection");
        if (!to.isSnapshot()) {
            throw new IllegalArgumentException("receive `to` must be a snapshot, not " + to.fullName(filesystem));
        }
    }
}
