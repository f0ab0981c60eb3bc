package io.zreplcamel.transport.data;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.zreplcamel.transport.frame.Frame;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What both stream ends share: heartbeats after {@code heartbeat_interval} without writing, the idle timeout after
 * {@code idle_timeout} without reading (docs/protocol.md §6), and the outcome future. A side that has switched
 * autoRead off itself (a receiver whose sink is slow) does not count that pause as the peer's silence, and a sender
 * whose data the peer goes on taking does not count the peer's late heartbeats as silence.
 */
abstract class StreamHandler extends ChannelInboundHandlerAdapter {

    protected final DataChannelConfig config;
    protected final CompletableFuture<StreamOutcome> outcome = new CompletableFuture<>();
    protected volatile ChannelHandlerContext ctx;
    /** Completes when the handshake has handed the connection to this handler. */
    protected final CompletableFuture<Void> installed = new CompletableFuture<>();
    /** Set on the event loop while this side keeps autoRead off; the idle timer ignores such pauses. */
    protected boolean readPaused;
    private long resumedAtNanos = System.nanoTime();

    StreamHandler(DataChannelConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Completes once the stream has ended, however it ended. */
    public CompletableFuture<StreamOutcome> outcome() {
        return outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        installed.complete(null);
    }

    protected final void pauseReading() {
        if (!readPaused) {
            readPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    protected final void resumeReading() {
        if (readPaused) {
            readPaused = false;
            resumedAtNanos = System.nanoTime();
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Frame.Heartbeat.INSTANCE);
            } else if (idle.state() == IdleState.READER_IDLE && !readPaused
                    && System.nanoTime() - Math.max(resumedAtNanos, lastPeerProgressNanos())
                    >= config.idleTimeout().toNanos()) {
                idleTimeout(ctx);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * When the peer last showed it is alive other than by sending a frame ({@link System#nanoTime}); the idle timer
     * counts from the later of that and the last read. None by default.
     */
    protected long lastPeerProgressNanos() {
        return Long.MIN_VALUE;
    }

    /** The peer sent nothing, and showed no other sign of life, for the idle timeout. Called on the event loop. */
    protected abstract void idleTimeout(ChannelHandlerContext ctx);

    protected final String peer() {
        ChannelHandlerContext c = ctx;
        return c == null ? "peer" : String.valueOf(c.channel().remoteAddress());
    }

    protected final String idleMessage() {
        return "no frame from " + peer() + " for " + config.idleTimeout().toMillis() + " ms";
    }
}
