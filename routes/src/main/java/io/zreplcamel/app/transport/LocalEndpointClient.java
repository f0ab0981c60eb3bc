package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The {@link Endpoint} calls both local clients (sender and receiver) forward the same way. */
abstract class LocalEndpointClient implements Endpoint {

    protected final LocalTransportClient client;

    LocalEndpointClient(LocalTransportClient client) {
        this.client = client;
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
}
