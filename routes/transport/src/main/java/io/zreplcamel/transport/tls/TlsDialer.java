package io.zreplcamel.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.conn.ReadyGate;
import io.zreplcamel.transport.conn.TcpBootstraps;
import io.zreplcamel.transport.data.EventLoops;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tls} connect: TCP to {@code address}, then a TLS 1.3/1.2 handshake in which we present our certificate
 * and verify the server's against {@code ca} and {@code server_cn} (sent as SNI too). {@code dial_timeout} bounds
 * both together (0: no limit). A server certificate that does not verify or is not for {@code server_cn} is a
 * permanent {@link DialException}; refused connections, timeouts and a connection cut during the handshake are
 * temporary.
 */
public final class TlsDialer implements Dialer {

    private final EventLoops loops;
    private final String host;
    private final int port;
    private final TlsCredentials credentials;
    private final String serverCn;
    private final Duration dialTimeout;
    private final SslContext sslContext;

    public TlsDialer(EventLoops loops, String host, int port, TlsCredentials credentials, String serverCn,
                     Duration dialTimeout) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.serverCn = Objects.requireNonNull(serverCn, "serverCn");
        this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
        this.sslContext = TlsContexts.client(credentials);
    }

    @Override
    public CompletableFuture<Channel> dial(ProtocolInstaller protocol) {
        Objects.requireNonNull(protocol, "protocol");
        CompletableFuture<Channel> result = new CompletableFuture<>();
        TcpBootstraps.connect(loops, host, port, dialTimeout, describe(), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                SslHandler ssl = sslContext.newHandler(ch.alloc(), serverCn, port);
                ssl.setHandshakeTimeoutMillis(0); // the dial timeout below covers connect and handshake
                ch.pipeline()
                        .addLast("tls", ssl)
                        .addLast("tls-server-check", new ServerCertificateCheck(TlsDialer.this, protocol, result))
                        .addLast("ready-gate", new ReadyGate());
                if (!dialTimeout.isZero()) {
                    ch.eventLoop().schedule(() -> {
                        if (result.completeExceptionally(new DialException(describe() + ": dial_timeout of "
                                + dialTimeout.toMillis() + " ms exceeded (TCP connect and TLS handshake)",
                                false, null))) {
                            ch.close();
                        }
                    }, dialTimeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }, result); // success: ServerCertificateCheck completes the result once the server's certificate is checked
        return result;
    }

    String serverCn() {
        return serverCn;
    }

    TlsCredentials credentials() {
        return credentials;
    }

    @Override
    public String describe() {
        return "tls " + host + ":" + port + " (server_cn " + serverCn + ")";
    }

    @Override
    public void close() {
        // nothing held: the event loops belong to the caller
    }
}
