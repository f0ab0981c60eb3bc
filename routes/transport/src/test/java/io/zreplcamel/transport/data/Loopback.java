package io.zreplcamel.transport.data;

import io.netty.channel.ChannelHandler;
import io.zreplcamel.transport.frame.Hello;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A data server on 127.0.0.1 with an ephemeral port, its event loops, and what it refused. */
public final class Loopback implements AutoCloseable {

    public final EventLoops loops;
    public final DataChannelServer server;
    public final CopyOnWriteArrayList<Throwable> refused = new CopyOnWriteArrayList<>();
    public final LinkedBlockingQueue<Throwable> refusals = new LinkedBlockingQueue<>();

    public Loopback(DataChannelConfig serverConfig, Function<Hello, ChannelHandler> handlerFactory)
            throws InterruptedException {
        this(serverConfig, handlerFactory, true);
    }

    /** @param preferEpoll false: NIO, the fallback where native epoll is not available */
    public Loopback(DataChannelConfig serverConfig, Function<Hello, ChannelHandler> handlerFactory,
                    boolean preferEpoll) throws InterruptedException {
        loops = EventLoops.create(2, preferEpoll);
        server = DataChannelServer.start(loops, new InetSocketAddress("127.0.0.1", 0), serverConfig, handlerFactory,
                e -> {
                    refused.add(e);
                    refusals.add(e);
                });
    }

    public InetSocketAddress address() {
        return server.localAddress();
    }

    public CompletableFuture<Hello> connect(DataChannelConfig clientConfig, ChannelHandler handler) {
        return DataChannelClient.connect(loops, address(), Duration.ofSeconds(5), clientConfig, handler);
    }

    public Throwable nextRefusal() throws InterruptedException {
        return refusals.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
        loops.close();
    }
}
