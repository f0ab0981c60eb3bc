package io.zreplcamel.transport.conn;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds inbound messages back until the transport has decided about the connection (for TLS: until the handshake has
 * completed and the peer's certificate was checked), then installs the protocol and passes on what it held, in
 * order. Without it, bytes that arrive in the same read as the end of the TLS handshake could reach the pipeline's
 * tail before the protocol's handlers are there and be dropped. Bounded: a peer cannot make it hold more than
 * {@link #MAX_HELD} bytes (it sends at most its HELLO before it hears ours).
 */
public final class ReadyGate extends ChannelInboundHandlerAdapter {

    /** More than a magic and a maximal HELLO with room to spare; a peer that sends more before it is let in is cut. */
    public static final int MAX_HELD = 64 * 1024;

    private final Queue<Object> held = new ArrayDeque<>();
    private long heldBytes;
    private boolean open;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (open) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof io.netty.buffer.ByteBuf buf) {
            heldBytes += buf.readableBytes();
        }
        held.add(msg);
        if (heldBytes > MAX_HELD) {
            release();
            ctx.close();
        }
    }

    /**
     * Installs the protocol after this gate and lets everything held through. Call on the event loop.
     */
    public void open(ChannelHandlerContext ctx, ProtocolInstaller protocol, String peerIdentity) {
        protocol.install(ctx.channel(), peerIdentity);
        open = true;
        while (!held.isEmpty()) {
            ctx.fireChannelRead(held.poll());
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    private void release() {
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
        heldBytes = 0;
    }
}
