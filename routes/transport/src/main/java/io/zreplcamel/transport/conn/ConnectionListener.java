package io.zreplcamel.transport.conn;

/**
 * How a passive job accepts connections (the {@code serve} section). The listener authenticates each connection the
 * way its transport defines (tcp: client IP in the client map; tls: a client certificate from the CA with a listed
 * CN; stdinserver: the per-identity socket) and hands only authenticated ones to the protocol, with the identity.
 * Refused connections are closed and logged with the peer's address and the reason; the listener keeps serving.
 */
public interface ConnectionListener extends AutoCloseable {

    /** Binds and starts accepting; returns once the listener is bound (so a failure to bind is reported here). */
    void start(ProtocolInstaller protocol) throws InterruptedException;

    /** For log lines: {@code tcp :8888}, {@code tls 0.0.0.0:8889}, {@code stdinserver /var/run/zrepl/stdinserver}. */
    String describe();

    @Override
    void close();
}
