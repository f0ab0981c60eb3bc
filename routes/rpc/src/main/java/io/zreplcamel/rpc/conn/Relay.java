package io.zreplcamel.rpc.conn;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Copies bytes from one channel to another with backpressure (reading stops while the other side cannot take more)
 * and closes the other side when one closes. Two of them join the gRPC control channel (an in-JVM channel) to the
 * transport's connection, so that gRPC's HTTP/2 runs over any transport (tcp, tls, ssh) after our handshake.
 */
public final class Relay extends ChannelInboundHandlerAdapter {

    private final Channel to;

    private Relay(Channel to) {
        this.to = to;
    }

    /**
     * Joins {@code a} and {@code b} in both directions; reading starts with {@link #start}. Call on either's event
     * loop.
     */
    public static void join(Channel a, Channel b) {
        a.pipeline().addLast("relay", new Relay(b));
        b.pipeline().addLast("relay", new Relay(a));
    }

    /** Starts reading on both joined channels. */
    public static void start(Channel a, Channel b) {
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel from = ctx.channel();
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                from.close();
            }
        });
        if (!to.isWritable()) {
            from.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // our channel drained: the peer channel, which writes into us, may read again
        if (ctx.channel().isWritable()) {
            to.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (to.isActive()) {
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
