package io.zreplcamel.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.conn.ConnectionListener;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.conn.TcpBootstraps;
import io.zreplcamel.transport.data.EventLoops;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tcp} serve: plain TCP, the client's identity from its IP address ({@link ClientIdentifier}); a client
 * not in the map is closed at once and logged (zrepl: "client IP not in client map"). No encryption: for trusted
 * networks or below a VPN.
 */
public final class TcpListener implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

    private final EventLoops loops;
    private final InetSocketAddress bind;
    private final boolean freebind;
    private final ClientIdentifier clients;
    private Channel serverChannel;

    public TcpListener(EventLoops loops, InetSocketAddress bind, boolean freebind, ClientIdentifier clients) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.bind = Objects.requireNonNull(bind, "bind");
        this.freebind = freebind;
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public void start(ProtocolInstaller protocol) throws InterruptedException {
        Objects.requireNonNull(protocol, "protocol");
        serverChannel = TcpBootstraps.listen(loops, bind, freebind, describe(),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        InetSocketAddress peer = ch.remoteAddress();
                        Optional<String> identity = clients.identify(peer);
                        if (identity.isEmpty()) {
                            LOG.warn("{}: refused connection from {}: client IP not in the clients map", describe(),
                                    peer.getAddress().getHostAddress());
                            ch.close();
                            return;
                        }
                        protocol.install(ch, identity.get());
                    }
                });
        LOG.info("{}: listening", describe());
    }

    /** The bound address (the port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public String describe() {
        return "tcp " + bind.getHostString() + ":" + (serverChannel == null ? bind.getPort()
                : localAddress().getPort());
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }
}
