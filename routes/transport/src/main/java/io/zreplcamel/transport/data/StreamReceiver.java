package io.zreplcamel.transport.data;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.ProtocolException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of a data connection (docs/protocol.md §4–§5). DATA frames are queued to a thread of its own that
 * writes them to the sink (in production the {@code zfs recv} stdin), so a slow sink never blocks the event loop;
 * when more than the receive high-water mark waits for the sink, the socket is no longer read (autoRead off) until the
 * sink has drained below the low-water mark, and TCP's flow control carries the pause back to the sender.
 *
 * <p>Whatever arrived before the stream ended is written to the sink in order, then the sink is closed, then
 * {@link #outcome()} completes: {@code COMPLETE} after END (and the receiver answers END as acknowledgement),
 * {@code PEER_FAILED} with the sender's error trailer, {@code TRUNCATED} when the connection ended without END,
 * {@code IDLE_TIMEOUT}, {@code PROTOCOL_ERROR}, or {@code LOCAL_FAILED} when the sink failed (the sender is told with an
 * error trailer).
 */
public final class StreamReceiver extends StreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReceiver.class);

    /** What ends the sink thread's queue; {@code ack} when the sender is to get END back. */
    private record Finish(StreamOutcome outcome, boolean ack) {
    }

    private final OutputStream sink;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong maxQueuedBytes = new AtomicLong();
    private volatile long written;
    private volatile String sinkFailure;
    private volatile boolean pauseRequested;
    /** Event loop only: the stream's end has been decided. */
    private boolean terminal;
    /** Event loop only: DATA bytes received. */
    private long received;
    private boolean everPaused;

    /** @param sink written from a thread of this receiver's own, closed when the stream ends */
    public StreamReceiver(DataChannelConfig config, OutputStream sink) {
        super(config);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The most bytes that waited for the sink at once: the receiver's memory for this stream. */
    public long maxQueuedBytes() {
        return maxQueuedBytes.get();
    }

    /** Whether the receiver ever stopped reading the socket because the sink was slower. */
    public boolean everPaused() {
        return everPaused;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        Thread t = new Thread(this::drain, "zrc-sink-" + ctx.channel().remoteAddress());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (terminal) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Frame.Data data) {
            ByteBuf content = data.content();
            int n = content.readableBytes();
            received += n;
            long q = queuedBytes.addAndGet(n);
            maxQueuedBytes.accumulateAndGet(q, Math::max);
            if (q >= config.receiveHighWaterMark()) {
                pauseRequested = true; // before the buffer is queued, so the sink thread sees it when it takes it
                everPaused = true;
                pauseReading();
            }
            queue.add(content);
            return;
        }
        try {
            if (msg instanceof Frame.Heartbeat) {
                return;
            }
            if (msg instanceof Frame.End end) {
                if (end.totalBytes() != received) {
                    protocolError(ctx, "END says the stream has " + end.totalBytes() + " bytes, " + received
                            + " arrived");
                    return;
                }
                end(new StreamOutcome(StreamOutcome.Status.COMPLETE, received, received + " bytes"), true);
                return;
            }
            if (msg instanceof Frame.ErrorTrailer error) {
                end(new StreamOutcome(StreamOutcome.Status.PEER_FAILED, received, error.message()), false);
                ctx.close(); // the side that reads the terminal frame closes
                return;
            }
            protocolError(ctx, "a sender may send DATA, END, ERROR or HEARTBEAT, not " + msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void end(StreamOutcome o, boolean ack) {
        terminal = true;
        queue.add(new Finish(o, ack));
    }

    private void protocolError(ChannelHandlerContext ctx, String message) {
        if (!terminal) {
            end(new StreamOutcome(StreamOutcome.Status.PROTOCOL_ERROR, received, message + " (peer " + peer() + ")"),
                    false);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!terminal) {
            end(new StreamOutcome(StreamOutcome.Status.TRUNCATED, received, "connection from " + peer()
                    + " closed after " + received + " bytes without end-of-stream"), false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException) {
            protocolError(ctx, cause.getMessage());
            return;
        }
        if (!terminal) {
            end(new StreamOutcome(StreamOutcome.Status.TRUNCATED, received, "connection from " + peer()
                    + " failed after " + received + " bytes without end-of-stream: " + cause), false);
        }
        ctx.close();
    }

    @Override
    protected void idleTimeout(ChannelHandlerContext ctx) {
        if (!terminal) {
            end(new StreamOutcome(StreamOutcome.Status.IDLE_TIMEOUT, received, idleMessage() + " after "
                    + received + " bytes"), false);
        }
        ctx.close();
    }

    /** The sink thread: writes queued chunks in order, then closes the sink and completes the outcome. */
    private void drain() {
        Finish finish;
        try {
            finish = drainUntilFinish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish = new Finish(new StreamOutcome(StreamOutcome.Status.LOCAL_FAILED, written,
                    "sink thread interrupted"), false);
        }
        StreamOutcome o = finish.outcome();
        String failure = sinkFailure;
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            if (failure == null) {
                failure = "sink failed on close after " + written + " bytes: " + e.getMessage();
                sinkFailed(failure);
            }
        }
        if (failure != null) {
            o = new StreamOutcome(StreamOutcome.Status.LOCAL_FAILED, written, failure);
        } else if (o.status() == StreamOutcome.Status.COMPLETE) {
            o = new StreamOutcome(StreamOutcome.Status.COMPLETE, written, written + " bytes");
        } else {
            o = new StreamOutcome(o.status(), written, o.detail());
        }
        if (failure == null && finish.ack()) {
            long total = written;
            ChannelHandlerContext c = ctx;
            c.writeAndFlush(new Frame.End(total));
            // the sender closes when it reads the acknowledgement; bound the wait by the idle timeout
            c.executor().schedule(() -> c.close(), config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        if (o.status() != StreamOutcome.Status.COMPLETE) {
            LOG.warn("stream from {}: {}", peer(), o);
        }
        outcome.complete(o);
    }

    private Finish drainUntilFinish() throws InterruptedException {
        byte[] scratch = new byte[0];
        while (true) {
            Object item = queue.take();
            if (item instanceof Finish f) {
                return f;
            }
            ByteBuf chunk = (ByteBuf) item;
            int n = chunk.readableBytes();
            try {
                if (sinkFailure == null) {
                    // one sink write per frame (ByteBuf.readBytes(OutputStream) would cut a direct buffer into
                    // 8 KiB writes, i.e. many more pipe syscalls for zfs recv)
                    if (chunk.hasArray()) { // the decoder's payloads are heap buffers: no copy here
                        sink.write(chunk.array(), chunk.arrayOffset() + chunk.readerIndex(), n);
                    } else {
                        if (scratch.length < n) {
                            scratch = new byte[n];
                        }
                        chunk.readBytes(scratch, 0, n);
                        sink.write(scratch, 0, n);
                    }
                    written += n;
                }
            } catch (IOException | RuntimeException e) {
                String failure = "sink failed after " + written + " bytes: " + e.getMessage();
                sinkFailure = failure;
                sinkFailed(failure);
            } finally {
                chunk.release();
            }
            long q = queuedBytes.addAndGet(-n);
            if (pauseRequested && q <= config.receiveLowWaterMark()) {
                pauseRequested = false;
                ctx.executor().execute(() -> {
                    if (queuedBytes.get() <= config.receiveLowWaterMark()) {
                        resumeReading();
                    } else {
                        pauseRequested = true; // frames of the last read arrived meanwhile: resume after them
                    }
                });
            }
        }
    }

    /** Tells the sender (error trailer) and stops reading the stream; the sender is expected to close. */
    private void sinkFailed(String failure) {
        ChannelHandlerContext c = ctx;
        c.executor().execute(() -> {
            if (!terminal) {
                end(new StreamOutcome(StreamOutcome.Status.LOCAL_FAILED, received, failure), false);
            }
            c.writeAndFlush(Frame.ErrorTrailer.bounded("receiver: " + failure));
            resumeReading(); // keep reading so the sender's close is seen; further DATA is dropped
            c.executor().schedule(() -> c.close(), config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        });
    }
}
