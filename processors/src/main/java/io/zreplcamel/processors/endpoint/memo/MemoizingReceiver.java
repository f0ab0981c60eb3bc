package io.zreplcamel.processors.endpoint.memo;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A receiver whose listings are kept for one invocation until it changes something ({@link ListingMemo}). */
public final class MemoizingReceiver implements Receiver {

    private final Receiver receiver;
    private final ListingMemo memo = new ListingMemo();

    public MemoizingReceiver(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public List<EndpointFilesystem> listFilesystems() {
        return memo.filesystems(receiver::listFilesystems);
    }

    @Override
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        return memo.perFilesystem("versions", filesystems, receiver::listVersions);
    }

    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        return memo.changing(() -> receiver.receive(step, stream));
    }

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        return memo.changing(() -> receiver.destroySnapshots(filesystem, snapshots));
    }
}
