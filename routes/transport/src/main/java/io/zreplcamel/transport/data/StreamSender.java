package io.zreplcamel.transport.data;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending end of a data connection (docs/protocol.md §4–§5). {@link #send} reads the source (in production the
 * {@code zfs send} pipe) on the calling thread in chunks, writes one DATA frame per chunk and reads the next chunk
 * only while the channel is writable, so what this side holds is bounded by the write high-water mark plus one chunk
 * whatever the stream's size. It ends with END and waits for the receiver's END (its acknowledgement), or with an
 * error trailer when the source fails.
 *
 * <p>One stream per connection; the connection is closed when the stream has ended.
 */
public final class StreamSender extends StreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSender.class);

    private final Object writability = new Object();
    private volatile long sent;
    private volatile boolean endWritten;
    private final AtomicLong maxPendingBytes = new AtomicLong();
    private volatile boolean becameUnwritable;
    private volatile boolean started;
    /**
     * When a DATA frame last went out to the socket, i.e. the receiver took data (System.nanoTime). A receiver whose
     * event loop is busy with our own data (decrypting TLS on a slow CPU) may send its heartbeats late; as long as it
     * takes data it is alive, and a cut link stops this clock as surely as it stops the heartbeats.
     */
    private volatile long lastTakenNanos = Long.MIN_VALUE;
    /** This side's source failed and the peer is being told; how the connection ends no longer matters. */
    private volatile StreamOutcome localFailure;

    public StreamSender(DataChannelConfig config) {
        super(config);
    }

    /**
     * Sends the whole source; blocks until the receiver acknowledged it or the stream failed. Does not close the
     * source. May be called before the handshake has completed (it waits up to the handshake timeout for it).
     */
    public StreamOutcome send(InputStream source) throws InterruptedException {
        try {
            // a server-side sender (pull) may be started before the handshake has installed it
            installed.get(config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the connection's handshake has not completed", e);
        }
        ChannelHandlerContext c = ctx;
        if (started) {
            throw new IllegalStateException("one stream per connection");
        }
        started = true;
        Channel channel = c.channel();
        int chunk = config.chunkSize();
        byte[] scratch = new byte[chunk];
        boolean eof = false;
        while (!eof && !outcome.isDone()) {
            if (!awaitWritable(channel)) {
                break;
            }
            ByteBuf buf = channel.alloc().directBuffer(chunk, chunk);
            Exception failure = null;
            try {
                eof = fill(buf, source, scratch);
            } catch (IOException | RuntimeException e) {
                failure = e; // what was read before the failure still goes out, then the trailer
            }
            if (buf.isReadable()) {
                sent += buf.readableBytes();
                channel.writeAndFlush(new Frame.Data(buf)).addListener(f -> {
                    if (f.isSuccess()) {
                        lastTakenNanos = System.nanoTime();
                    }
                });
                observePending(channel);
            } else {
                buf.release();
            }
            if (failure != null) {
                sourceFailed(channel, failure);
                break;
            }
        }
        if (eof && !outcome.isDone()) {
            endWritten = true;
            channel.writeAndFlush(new Frame.End(sent));
        }
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Bytes written as DATA so far. */
    public long sentBytes() {
        return sent;
    }

    /** The most bytes seen waiting in Netty's outbound buffer right after a write: the sender's in-flight memory. */
    public long maxPendingBytes() {
        return maxPendingBytes.get();
    }

    /** Whether the channel ever stopped accepting writes: backpressure from a slower peer reached the source. */
    public boolean becameUnwritable() {
        return becameUnwritable;
    }

    /**
     * Fills {@code buf} from the source through {@code scratch} (ByteBuf.writeBytes(InputStream) would allocate a
     * fresh array per read for a direct buffer). Returns true at the source's end.
     */
    private static boolean fill(ByteBuf buf, InputStream source, byte[] scratch) throws IOException {
        while (buf.isWritable()) {
            int n = source.read(scratch, 0, Math.min(scratch.length, buf.writableBytes()));
            if (n < 0) {
                return true;
            }
            buf.writeBytes(scratch, 0, n);
        }
        return false;
    }

    private boolean awaitWritable(Channel channel) throws InterruptedException {
        synchronized (writability) {
            while (!channel.isWritable() && !outcome.isDone()) {
                becameUnwritable = true;
                writability.wait(1000); // woken by channelWritabilityChanged / the outcome; the timeout only re-checks
            }
        }
        return !outcome.isDone();
    }

    private void observePending(Channel channel) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null) {
            maxPendingBytes.accumulateAndGet(out.totalPendingWriteBytes(), Math::max);
        }
    }

    private void sourceFailed(Channel channel, Exception e) {
        String message = "source failed after " + sent + " bytes: " + e.getMessage();
        LOG.warn("stream to {}: {}", peer(), message);
        // set before the trailer goes out: the receiver closes as soon as it reads it, and that close must not be
        // taken for a truncation here
        StreamOutcome failed = new StreamOutcome(StreamOutcome.Status.LOCAL_FAILED, sent, message);
        localFailure = failed;
        channel.writeAndFlush(Frame.ErrorTrailer.bounded(message)).addListener(f -> {
            finish(failed);
            // the receiver closes when it reads the trailer; close ourselves if it does not within the idle timeout
            channel.eventLoop().schedule(() -> channel.close(), config.idleTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        });
    }

    private void finish(StreamOutcome o) {
        if (outcome.complete(o)) {
            synchronized (writability) {
                writability.notifyAll();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (writability) {
            writability.notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Frame.Heartbeat) {
                return;
            }
            if (msg instanceof Frame.End end) {
                if (!endWritten || end.totalBytes() != sent) {
                    protocolError(ctx, "receiver acknowledged " + end.totalBytes() + " bytes, "
                            + (endWritten ? sent + " were sent" : "but the stream has not ended"));
                    return;
                }
                finish(new StreamOutcome(StreamOutcome.Status.COMPLETE, sent, sent + " bytes acknowledged"));
                ctx.close();
                return;
            }
            if (msg instanceof Frame.ErrorTrailer error) {
                finish(new StreamOutcome(StreamOutcome.Status.PEER_FAILED, sent, error.message()));
                ctx.close();
                return;
            }
            protocolError(ctx, "a receiver may send HEARTBEAT, END or ERROR, not " + msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void protocolError(ChannelHandlerContext ctx, String message) {
        finish(new StreamOutcome(StreamOutcome.Status.PROTOCOL_ERROR, sent, message + " (peer " + peer() + ")"));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        StreamOutcome failed = localFailure;
        finish(failed != null ? failed : new StreamOutcome(StreamOutcome.Status.TRUNCATED, sent, "connection to " + peer()
                + " closed before the receiver acknowledged the stream (" + sent + " bytes sent)"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException) {
            protocolError(ctx, cause.getMessage());
        } else {
            StreamOutcome failed = localFailure;
            finish(failed != null ? failed : new StreamOutcome(StreamOutcome.Status.TRUNCATED, sent,
                    "connection to " + peer() + " failed: " + cause));
            ctx.close();
        }
    }

    @Override
    protected long lastPeerProgressNanos() {
        return lastTakenNanos;
    }

    @Override
    protected void idleTimeout(ChannelHandlerContext ctx) {
        finish(new StreamOutcome(StreamOutcome.Status.IDLE_TIMEOUT, sent, idleMessage() + " and no data taken"));
        ctx.close();
    }

    /** Closes the connection, e.g. when the caller gives up; the outcome becomes TRUNCATED unless already decided. */
    public void abort() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.close();
        }
    }
}
