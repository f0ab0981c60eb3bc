package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;

/** A push job's receiver: the sink job serving the connect's listener, reached through its route. */
public final class LocalReceiverClient implements Receiver {

    private final LocalTransportClient client;

    public LocalReceiverClient(CamelContext context, String endpointUri, String listenerName, String clientJob,
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

    /** The stream object itself goes to the sink (by reference), so a local send pipe stays a direct pipe. */
    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        return (Long) client.call(LocalOperation.RECEIVE, LocalTransport.Call.of(step, stream));
    }
}
