package io.zreplcamel.transport.data;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/** The event loops of the data channel: native epoll where Netty can load it, NIO otherwise. */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** @param threads event-loop threads (0 = Netty's default, twice the cores) */
    public static EventLoops create(int threads) {
        return create(threads, true);
    }

    /** @param preferEpoll false forces NIO (for comparison) */
    public static EventLoops create(int threads, boolean preferEpoll) {
        if (preferEpoll && Epoll.isAvailable()) {
            return new EventLoops(new EpollEventLoopGroup(threads, threads()), true);
        }
        return new EventLoops(new NioEventLoopGroup(threads, threads()), false);
    }

    /**
     * Daemon threads: event loops must never keep a JVM alive that has finished (a daemon that was told to stop, a
     * CLI command, a test).
     */
    private static java.util.concurrent.ThreadFactory threads() {
        return new io.netty.util.concurrent.DefaultThreadFactory("zrepl-net", true);
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean isEpoll() {
        return epoll;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
