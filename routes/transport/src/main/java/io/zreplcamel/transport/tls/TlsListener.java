package io.zreplcamel.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.zreplcamel.transport.conn.ConnectionListener;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.conn.ReadyGate;
import io.zreplcamel.transport.conn.TcpBootstraps;
import io.zreplcamel.transport.data.EventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tls} serve: TLS 1.3/1.2 with a client certificate required and verified against {@code ca}; the
 * client's identity is its certificate's common name, which must be one of {@code client_cns}. A client that
 * presents no certificate, one the ca did not sign, an unlisted CN, or that does not finish the handshake within
 * {@code handshake_timeout} is logged as refused (WARN) and closed; the listener goes on serving the others. Our wire
 * protocol starts only once the handshake and the CN check are done ({@link ReadyGate} holds anything early).
 * The files are read and TLS is set up by the constructor; {@link #start} only binds, and may bind again after
 * {@link #close}.
 */
public final class TlsListener implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

    private final EventLoops loops;
    private final InetSocketAddress bind;
    private final boolean freebind;
    private final TlsCredentials credentials;
    private final SslContext sslContext;
    private final Set<String> clientCns;
    private final Duration handshakeTimeout;
    private Channel serverChannel;

    /**
     * @param handshakeTimeout how long a client may take from connecting to a finished handshake; zero: no limit
     */
    public TlsListener(EventLoops loops, InetSocketAddress bind, boolean freebind, TlsCredentials credentials,
                       Collection<String> clientCns, Duration handshakeTimeout) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.bind = Objects.requireNonNull(bind, "bind");
        this.freebind = freebind;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clientCns = Set.copyOf(clientCns);
        if (this.clientCns.isEmpty()) {
            throw new IllegalArgumentException("client_cns must not be empty");
        }
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.sslContext = TlsContexts.server(credentials);
    }

    @Override
    public void start(ProtocolInstaller protocol) throws InterruptedException {
        Objects.requireNonNull(protocol, "protocol");
        serverChannel = TcpBootstraps.listen(loops, bind, freebind, describe(),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = sslContext.newHandler(ch.alloc());
                        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
                        ch.pipeline()
                                .addLast("tls", ssl)
                                .addLast("tls-client-check", new ClientCertificateCheck(TlsListener.this, protocol))
                                .addLast("ready-gate", new ReadyGate());
                    }
                });
        LOG.info("{}: listening", describe());
    }

    boolean allowed(String cn) {
        return clientCns.contains(cn);
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    TlsCredentials credentials() {
        return credentials;
    }

    void refused(Channel ch, String why) {
        LOG.warn("{}: refused connection from {}: {}", describe(), peer(ch), why);
    }

    static String peer(Channel ch) {
        return ch.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(ch.remoteAddress());
    }

    /** The bound address (the port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public String describe() {
        return "tls " + bind.getHostString() + ":" + (serverChannel == null ? bind.getPort()
                : localAddress().getPort());
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }
}
