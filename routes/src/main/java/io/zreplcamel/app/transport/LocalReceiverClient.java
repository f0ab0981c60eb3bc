package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import java.io.InputStream;
import java.time.Duration;
import org.apache.camel.CamelContext;

/** A push job's receiver: the sink job serving the connect's listener, reached through its route. */
public final class LocalReceiverClient extends LocalEndpointClient implements Receiver {

    public LocalReceiverClient(CamelContext context, String endpointUri, String listenerName, String clientJob,
            String clientIdentity, Duration connectWait) {
        super(new LocalTransportClient(context, endpointUri, listenerName, clientJob, clientIdentity,
                connectWait));
    }

    /** The stream object itself goes to the sink (by reference), so a local send pipe stays a direct pipe. */
    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        return (Long) client.call(LocalOperation.RECEIVE, LocalTransport.Call.of(step, stream));
    }
}
