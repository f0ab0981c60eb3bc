package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/** A pull job's sender: the source job serving the connect's listener, reached through its route. */
public final class LocalSenderClient implements Sender {

    private final LocalTransportClient client;

    public LocalSenderClient(CamelContext context, String endpointUri, String listenerName, String clientJob,
            String clientIdentity, Duration connectWait) {
        this.client = new LocalTransportClient(context, endpointUri, listenerName, clientJob, clientIdentity,
                connectWait);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<EndpointFilesystem> listFilesystems() {
        return (List<EndpointFilesystem>) client.call(LocalOperation.LIST_FILESYSTEMS, LocalTransport.Call.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        return (Map<String, List<FilesystemVersion>>) client.call(LocalOperation.LIST_VERSIONS,
                LocalTransport.Call.of(List.copyOf(filesystems)));
    }

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        return (DestroyOutcome) client.call(LocalOperation.DESTROY_SNAPSHOTS,
                LocalTransport.Call.of(filesystem, List.copyOf(snapshots)));
    }

    @Override
    public long estimateSize(StepRequest step) {
        return (Long) client.call(LocalOperation.ESTIMATE_SIZE, LocalTransport.Call.of(step));
    }

    @Override
    public OutgoingStream send(StepRequest step) {
        return (OutgoingStream) client.call(LocalOperation.SEND, LocalTransport.Call.of(step));
    }

    @Override
    public void sendCompleted(StepRequest step) {
        client.call(LocalOperation.SEND_COMPLETED, LocalTransport.Call.of(step));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
        return (Map<String, Optional<FilesystemVersion>>) client.call(LocalOperation.REPLICATION_CURSORS,
                LocalTransport.Call.of(List.copyOf(filesystems)));
    }
}
