package io.zreplcamel.transport.conn;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.data.EventLoops;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The TCP sockets under the {@code tcp} and {@code tls} transports, set up one way: TCP_NODELAY on every connection,
 * {@code listen_freebind} only with native epoll, a failed bind or connect reported with the transport's own
 * description.
 */
public final class TcpBootstraps {

    private TcpBootstraps() {
    }

    /**
     * Binds a listening socket whose accepted connections {@code init} sets up.
     *
     * @param describe what the errors name, e.g. {@code tcp 0.0.0.0:8888}
     * @throws IllegalStateException when it cannot listen, or freebind is asked for without epoll
     */
    public static Channel listen(EventLoops loops, InetSocketAddress bind, boolean freebind, String describe,
                                 ChannelInitializer<SocketChannel> init) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init);
        if (freebind) {
            if (!loops.isEpoll()) {
                throw new IllegalStateException(describe + ": listen_freebind needs Linux native epoll, which "
                        + "is not available here");
            }
            b.option(EpollChannelOption.IP_FREEBIND, true);
        }
        try {
            return b.bind(bind).sync().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException(describe + ": cannot listen: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to {@code host:port} (resolved now, so a changed DNS entry is picked up) within {@code dialTimeout}
     * (0: the kernel's own connect timeout). A failed connect completes {@code result} with a temporary
     * {@link DialException}; success is the caller's to report, since for some transports the connection is not
     * ready yet.
     */
    public static ChannelFuture connect(EventLoops loops, String host, int port, Duration dialTimeout,
                                        String describe, ChannelInitializer<SocketChannel> init,
                                        CompletableFuture<Channel> result) {
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(init);
        if (!dialTimeout.isZero()) {
            b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, dialTimeout.toMillis()));
        }
        ChannelFuture connected = b.connect(new InetSocketAddress(host, port));
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                result.completeExceptionally(new DialException(describe + ": cannot connect: "
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), false, cause));
            }
        });
        return connected;
    }
}
