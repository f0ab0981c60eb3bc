package io.zreplcamel.rpc.server;

/** Error texts for the peer: the exception's own message, its class only when it has none. */
final class RpcServerMessages {

    private RpcServerMessages() {
    }

    static String of(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
