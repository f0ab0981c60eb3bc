package io.zreplcamel.rpc.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.SocketAddress;
import java.util.Map;

/**
 * Puts the client identity of a gRPC call into its context. gRPC runs over an in-JVM channel whose far end is the
 * transport connection that authenticated the client; the connection registered its identity under that channel's
 * address before the first byte of HTTP/2 went through, so a call can only carry the identity of its own connection.
 */
final class IdentityInterceptor implements ServerInterceptor {

    static final Context.Key<String> IDENTITY = Context.key("zrepl-client-identity");

    private final Map<SocketAddress, String> identities;

    IdentityInterceptor(Map<SocketAddress, String> identities) {
        this.identities = identities;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String identity = remote == null ? null : identities.get(remote);
        if (identity == null) {
            call.close(Status.PERMISSION_DENIED.withDescription("connection without an authenticated identity"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(IDENTITY, identity), call, headers, next);
    }
}
