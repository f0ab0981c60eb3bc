package io.zreplcamel.transport.handshake;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.frame.ProtocolException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version handshake on every connection (docs/protocol.md §2). Both sides send their HELLO at once and wait for
 * the peer's; the first frame must be a HELLO of the same protocol version from the other role, within the handshake
 * timeout. On success this handler replaces itself in the pipeline by the connection's data handler, in the same
 * event-loop turn, so no frame that follows the HELLO can slip past; on failure both sides see a clear error (each
 * names both versions) and the connection is closed.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    private final Hello ours;
    private final Duration timeout;
    private final Function<Hello, ChannelHandler> next;
    private final CompletableFuture<Hello> result;
    private ChannelFuture helloWritten;
    private ScheduledFuture<?> timer;
    private boolean started;

    /**
     * @param ours    this side's HELLO
     * @param timeout how long to wait for the peer's HELLO
     * @param next    given the peer's HELLO, the handler that takes over the connection
     * @param result  completed with the peer's HELLO, or exceptionally with a {@link HandshakeException} or
     *                {@link ProtocolException}
     */
    public HandshakeHandler(Hello ours, Duration timeout, Function<Hello, ChannelHandler> next,
                            CompletableFuture<Hello> result) {
        this.ours = Objects.requireNonNull(ours, "ours");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.next = Objects.requireNonNull(next, "next");
        this.result = Objects.requireNonNull(result, "result");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        helloWritten = ctx.writeAndFlush(ours);
        timer = ctx.executor().schedule(() -> fail(ctx, new HandshakeException(
                "no HELLO from " + ctx.channel().remoteAddress() + " within " + timeout.toMillis() + " ms")),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (result.isDone()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof Hello peer)) {
            ReferenceCountUtil.release(msg);
            fail(ctx, new ProtocolException("expected HELLO as the first frame, got " + msg));
            return;
        }
        if (peer.version() != ours.version()) {
            fail(ctx, new HandshakeException("protocol versions do not match: ours is " + ours.version()
                    + ", theirs is " + peer.version() + " (peer " + ctx.channel().remoteAddress() + ")"));
            return;
        }
        if (peer.role() == ours.role()) {
            fail(ctx, new HandshakeException("peer " + ctx.channel().remoteAddress() + " is a " + peer.role()
                    + " too: one side must be the client and the other the server"));
            return;
        }
        timer.cancel(false);
        ChannelHandler handler;
        try {
            handler = next.apply(peer);
        } catch (RuntimeException e) {
            fail(ctx, new HandshakeException("no handler for peer " + ctx.channel().remoteAddress() + ": "
                    + e.getMessage(), e));
            return;
        }
        ctx.pipeline().replace(this, "stream", handler);
        result.complete(peer);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) { // idle events belong to the data handler; the handshake has a timer
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new HandshakeException("connection to " + ctx.channel().remoteAddress()
                + " closed during the handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause instanceof ProtocolException ? cause
                : new HandshakeException("handshake with " + ctx.channel().remoteAddress() + " failed: " + cause,
                cause));
    }

    private void fail(ChannelHandlerContext ctx, Throwable error) {
        if (timer != null) {
            timer.cancel(false);
        }
        if (!result.completeExceptionally(error)) {
            return;
        }
        // whoever holds the result logs it with its context (job, client identity); this is the trace of the close
        LOG.debug("refusing connection {}: {}", ctx.channel().remoteAddress(), error.getMessage());
        if (helloWritten != null && !helloWritten.isDone()) {
            helloWritten.addListener(ChannelFutureListener.CLOSE); // let the peer read our version first
        } else {
            ctx.close();
        }
    }
}
