package io.zreplcamel.app.transport;

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
public final class LocalSenderClient extends LocalEndpointClient implements Sender {

    public LocalSenderClient(CamelContext context, String endpointUri, String listenerName, String clientJob,
            String clientIdentity, Duration connectWait) {
        super(new LocalTransportClient(context, endpointUri, listenerName, clientJob, clientIdentity,
                connectWait));
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
