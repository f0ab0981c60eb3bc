package io.zreplcamel.processors.endpoint.memo;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A sender whose listings are kept for one invocation until it changes something ({@link ListingMemo}). */
public final class MemoizingSender implements Sender {

    private final Sender sender;
    private final ListingMemo memo = new ListingMemo();

    public MemoizingSender(Sender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public List<EndpointFilesystem> listFilesystems() {
        return memo.filesystems(sender::listFilesystems);
    }

    @Override
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        return memo.perFilesystem("versions", filesystems, sender::listVersions);
    }

    @Override
    public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
        return memo.perFilesystem("cursors", filesystems, sender::replicationCursors);
    }

    /** Not a change, but it validates against the live state: a size estimate is never kept. */
    @Override
    public long estimateSize(StepRequest step) {
        return sender.estimateSize(step);
    }

    @Override
    public OutgoingStream send(StepRequest step) {
        return memo.changing(() -> sender.send(step));
    }

    @Override
    public void sendCompleted(StepRequest step) {
        memo.changing(() -> {
            sender.sendCompleted(step);
            return null;
        });
    }

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        return memo.changing(() -> sender.destroySnapshots(filesystem, snapshots));
    }
}
