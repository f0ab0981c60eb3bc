package io.zreplcamel.app.transport;

import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The passive end of a local connection: runs the call an exchange carries on the passive job's endpoint and puts
 * the {@link LocalTransport.Reply} into the body. Calls the endpoint does not offer (a push asking a source to
 * receive, a pull asking a sink to send: a listener_name mix-up) fail with a message saying so.
 */
public final class LocalEndpointServer {

    private LocalEndpointServer() {
    }

    /** The call's operation, from the exchange's header. */
    public static LocalOperation operation(Exchange exchange) {
        String name = exchange.getMessage().getHeader(LocalTransport.OPERATION, String.class);
        if (name == null) {
            throw new IllegalArgumentException("exchange without a " + LocalTransport.OPERATION + " header");
        }
        return LocalOperation.valueOf(name);
    }

    /** The connecting job's client identity, from the exchange's header. */
    public static String clientIdentity(Exchange exchange) {
        String identity = exchange.getMessage().getHeader(LocalTransport.CLIENT_IDENTITY, String.class);
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("exchange without a " + LocalTransport.CLIENT_IDENTITY + " header");
        }
        return identity;
    }

    /** Runs the call on {@code endpoint}; returns its reply (also set as the body). */
    public static LocalTransport.Reply serve(Exchange exchange, String jobName, Endpoint endpoint) {
        LocalTransport.Reply reply;
        try {
            reply = LocalTransport.Reply.of(invoke(exchange, jobName, endpoint));
        } catch (RuntimeException e) {
            reply = LocalTransport.Reply.failed(e);
        }
        exchange.getMessage().setBody(reply);
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Object invoke(Exchange exchange, String jobName, Endpoint endpoint) {
        LocalOperation op = operation(exchange);
        LocalTransport.Call call = exchange.getMessage().getBody(LocalTransport.Call.class);
        if (call == null) {
            throw new IllegalArgumentException("job " + jobName + ": " + op + " without its arguments");
        }
        switch (op) {
            case LIST_FILESYSTEMS:
                return endpoint.listFilesystems();
            case LIST_VERSIONS:
                return endpoint.listVersions((Collection<String>) call.argument(0, Collection.class));
            case DESTROY_SNAPSHOTS:
                return endpoint.destroySnapshots(call.argument(0, String.class),
                        (List<FilesystemVersion>) call.argument(1, List.class));
            default:
                break;
        }
        if (op == LocalOperation.RECEIVE) {
            if (!(endpoint instanceof Receiver receiver)) {
                throw wrongSide(exchange, jobName, op, "receive", "a sink");
            }
            return receiver.receive(call.argument(0, ReceiveStep.class), call.argument(1, InputStream.class));
        }
        if (!(endpoint instanceof Sender sender)) {
            throw wrongSide(exchange, jobName, op, "send", "a source");
        }
        return switch (op) {
            case ESTIMATE_SIZE -> sender.estimateSize(call.argument(0, StepRequest.class));
            case SEND -> sender.send(call.argument(0, StepRequest.class));
            case SEND_COMPLETED -> {
                sender.sendCompleted(call.argument(0, StepRequest.class));
                yield null;
            }
            case REPLICATION_CURSORS -> sender.replicationCursors(
                    (Collection<String>) call.argument(0, Collection.class));
            default -> throw new AssertionError(op);
        };
    }

    private static IllegalStateException wrongSide(Exchange exchange, String jobName, LocalOperation op,
            String verb, String needed) {
        String client = exchange.getMessage().getHeader(LocalTransport.CLIENT_JOB, "?", String.class);
        return new IllegalStateException("job " + client + " asked job " + jobName + " to " + verb + " (" + op
                + "), but it does not " + verb + ": its connect's listener_name must name " + needed + " job's listener");
    }
}
