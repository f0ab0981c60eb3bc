package io.zreplcamel.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.conn.TcpBootstraps;
import io.zreplcamel.transport.data.EventLoops;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code tcp} connect: a plain TCP connection to {@code address}, within {@code dial_timeout} (0: the kernel's
 * own connect timeout). The host name is resolved on every dial, so a changed DNS entry is picked up.
 */
public final class TcpDialer implements Dialer {

    private final EventLoops loops;
    private final String host;
    private final int port;
    private final Duration dialTimeout;

    public TcpDialer(EventLoops loops, String host, int port, Duration dialTimeout) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
    }

    @Override
    public CompletableFuture<Channel> dial(ProtocolInstaller protocol) {
        Objects.requireNonNull(protocol, "protocol");
        CompletableFuture<Channel> result = new CompletableFuture<>();
        ChannelFuture connected = TcpBootstraps.connect(loops, host, port, dialTimeout, describe(),
                new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        protocol.install(ch, describe());
                    }
                }, result);
        connected.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connected.channel());
            }
        });
        return result;
    }

    @Override
    public String describe() {
        return "tcp " + host + ":" + port;
    }

    @Override
    public void close() {
        // nothing held: the event loops belong to the caller
    }
}
