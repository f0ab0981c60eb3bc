package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;

/**
 * The active job's end of a local connection: sends each call as an exchange to the listener's route and returns
 * the reply. A listener whose route is not (yet) started answers nothing within {@code connectWait}: that is a
 * {@link TemporaryConnectivityException}, which the driver retries after its reconnect wait (zrepl's local transport
 * has no timeout; a short bound lets a push started before its sink catch up instead of hanging).
 */
final class LocalTransportClient {

    private final CamelContext context;
    private final String producerUri;
    private final String listenerName;
    private final String clientJob;
    private final String clientIdentity;

    LocalTransportClient(CamelContext context, String endpointUri, String listenerName, String clientJob,
            String clientIdentity, Duration connectWait) {
        this.context = Objects.requireNonNull(context, "context");
        this.listenerName = Objects.requireNonNull(listenerName, "listenerName");
        this.clientJob = Objects.requireNonNull(clientJob, "clientJob");
        this.clientIdentity = Objects.requireNonNull(clientIdentity, "clientIdentity");
        long waitMillis = Math.max(1, connectWait.toMillis());
        // block: wait for a consumer that is starting (context start, route restart) rather than failing at once
        this.producerUri = endpointUri + "?block=true&timeout=" + waitMillis;
    }

    Object call(LocalOperation operation, LocalTransport.Call arguments) {
        // One template per call, closed after it (as the snap job's zfs calls): a template kept here would outlive a
        // context stop or stay stopped after a restart. Its cost is nothing next to the zfs processes of a call.
        Exchange result;
        try (ProducerTemplate producer = context.createProducerTemplate()) {
            result = producer.request(producerUri, e -> {
                e.getMessage().setHeader(LocalTransport.OPERATION, operation.name());
                e.getMessage().setHeader(LocalTransport.CLIENT_IDENTITY, clientIdentity);
                e.getMessage().setHeader(LocalTransport.CLIENT_JOB, clientJob);
                e.getMessage().setBody(arguments);
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("job " + clientJob + ": " + e.getMessage(), e);
        }
        Exception failure = result.getException();
        if (failure != null) {
            if (causedByMissingConsumer(failure)) {
                throw new TemporaryConnectivityException("job " + clientJob + ": local listener \"" + listenerName
                        + "\" is not serving (its sink or source job is not started, or no job in this daemon has"
                        + " serve: {type: local, listener_name: " + listenerName + "})", failure);
            }
            throw failure instanceof RuntimeException r ? r
                    : new IllegalStateException("job " + clientJob + ": local listener \"" + listenerName + "\": "
                    + failure.getMessage(), failure);
        }
        Object body = result.getMessage().getBody();
        if (!(body instanceof LocalTransport.Reply reply)) {
            throw new IllegalStateException("job " + clientJob + ": the route of local listener \"" + listenerName
                    + "\" answered " + (body == null ? "nothing" : body.getClass().getName()) + " to " + operation
                    + " instead of a reply (if the route was edited, keep its serve bean call as the last step)");
        }
        if (reply.failure() != null) {
            throw reply.failure();
        }
        return reply.value();
    }

    private static boolean causedByMissingConsumer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DirectConsumerNotAvailableException) {
                return true;
            }
        }
        return false;
    }
}
