package io.zreplcamel.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.EventLoops;
import java.net.InetSocketAddress;
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
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        protocol.install(ch, describe());
                    }
                });
        if (!dialTimeout.isZero()) {
            b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, dialTimeout.toMillis()));
        }
        ChannelFuture connected = b.connect(new InetSocketAddress(host, port));
        connected.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connected.channel());
            } else {
                result.completeExceptionally(new DialException(describe() + ": cannot connect: "
                        + (f.cause().getMessage() == null ? f.cause().toString() : f.cause().getMessage()), false,
                        f.cause()));
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
