package io.zreplcamel.transport.data;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import io.zreplcamel.transport.frame.FrameDecoder;
import io.zreplcamel.transport.frame.FrameEncoder;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.handshake.HandshakeHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The handlers of every data connection, client or server: frame decoder and encoder, the idle timer (heartbeats and
 * idle timeout), the handshake, which hands over to a {@link StreamSender} or {@link StreamReceiver}.
 */
public final class DataPipeline {

    /** The most bytes one socket read takes (Netty's adaptive allocator grows up to it). */
    static final int MAX_READ = 1 << 20;

    private DataPipeline() {
    }

    public static void init(Channel ch, DataChannelConfig config, Hello.Role role, Function<Hello, ChannelHandler> next,
                     CompletableFuture<Hello> handshake) {
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeLowWaterMark(), config.writeHighWaterMark()));
        // socket reads of up to MAX_READ bytes: a 512 KiB frame in a few reads instead of eight or more 64 KiB ones
        ch.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(4096, 64 * 1024, MAX_READ));
        FrameDecoder decoder = new FrameDecoder();
        ch.pipeline()
                .addLast("frame-decoder", decoder)
                .addLast("frame-encoder", new FrameEncoder())
                .addLast("idle", new IdleStateHandler(config.idleTimeout().toNanos(),
                        config.heartbeatInterval().toNanos(), 0, TimeUnit.NANOSECONDS))
                .addLast("handshake", new HandshakeHandler(
                        new Hello(config.protocolVersion(), role, config.identity()),
                        config.handshakeTimeout(), next, handshake));
    }
}
