package io.zreplcamel.transport.data;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.frame.Hello;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Accepts data connections. Each accepted connection runs the handshake; the handler factory then decides, given the
 * peer's HELLO, what the connection carries (a {@link StreamReceiver} for a push, a {@link StreamSender} for a pull).
 * A refused connection (handshake failure, protocol error) is closed and reported to {@code onRefused}; the server
 * keeps accepting others.
 */
public final class DataChannelServer implements AutoCloseable {

    private final Channel serverChannel;

    private DataChannelServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static DataChannelServer start(EventLoops loops, InetSocketAddress bind, DataChannelConfig config,
                                          Function<Hello, ChannelHandler> handlerFactory,
                                          Consumer<Throwable> onRefused) throws InterruptedException {
        Objects.requireNonNull(handlerFactory, "handlerFactory");
        Objects.requireNonNull(onRefused, "onRefused");
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        CompletableFuture<Hello> handshake = new CompletableFuture<>();
                        handshake.whenComplete((peer, error) -> {
                            if (error != null) {
                                onRefused.accept(error);
                            }
                        });
                        DataPipeline.init(ch, config, Hello.Role.SERVER, handlerFactory, handshake);
                    }
                });
        return new DataChannelServer(b.bind(bind).sync().channel());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
