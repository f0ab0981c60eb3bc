package io.zreplcamel.transport.data;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.handshake.HandshakeException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Dials a data connection: connect, handshake, then {@code handler} (a {@link StreamSender} or {@link StreamReceiver}) takes over. */
public final class DataChannelClient {

    private DataChannelClient() {
    }

    /**
     * @return completes with the server's HELLO once {@code handler} is installed; fails with a
     *         {@link HandshakeException} (version mismatch, timeout), a {@code ProtocolException} or the connect error
     */
    public static CompletableFuture<Hello> connect(EventLoops loops, InetSocketAddress address, Duration dialTimeout,
                                                   DataChannelConfig config, ChannelHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, dialTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DataPipeline.init(ch, config, Hello.Role.CLIENT, peer -> handler, handshake);
                    }
                });
        ChannelFuture connected = b.connect(address);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                handshake.completeExceptionally(f.cause());
            }
        });
        return handshake;
    }
}
