package io.zreplcamel.transport.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.FrameCodec;
import io.zreplcamel.transport.frame.Frames;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.frame.Protocol;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class StreamTransferTest {

    private static final long MiB = 1 << 20;
    private static final DataChannelConfig CONFIG = DataChannelConfig.defaults();

    /** A server whose every connection gets a StreamReceiver into the next sink. */
    private static final class ReceivingServer implements AutoCloseable {
        final CompletableFuture<StreamReceiver> receiver = new CompletableFuture<>();
        final Loopback lo;

        ReceivingServer(DataChannelConfig config, Supplier<OutputStream> sink) throws InterruptedException {
            this(config, sink, true);
        }

        ReceivingServer(DataChannelConfig config, Supplier<OutputStream> sink, boolean epoll)
                throws InterruptedException {
            lo = new Loopback(config, peer -> {
                StreamReceiver r = new StreamReceiver(config, sink.get());
                receiver.complete(r);
                return r;
            }, epoll);
        }

        StreamSender connect(DataChannelConfig config) throws Exception {
            StreamSender sender = new StreamSender(config);
            lo.connect(config, sender).get(10, TimeUnit.SECONDS);
            return sender;
        }

        StreamOutcome received() throws Exception {
            return receiver.get(10, TimeUnit.SECONDS).outcome().get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            lo.close();
        }
    }

    @Test
    void sixtyFourMibArriveWithTheSameSha256() throws Exception {
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink)) {
            StreamOutcome sent = server.connect(CONFIG).send(new PatternSource(64 * MiB, 1));
            StreamOutcome received = server.received();

            assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
            assertThat(sent.bytes()).isEqualTo(64 * MiB);
            assertThat(received.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
            assertThat(received.bytes()).isEqualTo(64 * MiB);
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(64 * MiB, 1));
            assertThat(sink.closed).isTrue();
        }
    }

    @Test
    void theNioFallbackCarriesTheSameStream() throws Exception {
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink, false)) {
            assertThat(server.lo.loops.isEpoll()).isFalse();
            assertThat(server.connect(CONFIG).send(new PatternSource(16 * MiB, 10)).isComplete()).isTrue();
            assertThat(server.received().isComplete()).isTrue();
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(16 * MiB, 10));
        }
    }

    @Test
    void anEmptyStreamIsComplete() throws Exception {
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink)) {
            assertThat(server.connect(CONFIG).send(InputStream.nullInputStream()).isComplete()).isTrue();
            assertThat(server.received().toString()).isEqualTo("complete: 0 bytes");
            assertThat(sink.count()).isZero();
        }
    }

    @Test
    void aSlowSinkBoundsWhatBothSidesHold() throws Exception {
        DataChannelConfig config = CONFIG.withChunkSize(64 * 1024)
                .withWriteWaterMarks(128 * 1024, 256 * 1024)
                .withReceiveWaterMarks(256 * 1024, 512 * 1024);
        long size = 24 * MiB; // several times what the loopback socket buffers of both sides can hold
        DigestSink slow = new DigestSink() {
            @Override
            protected void before(int len) throws IOException {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        try (ReceivingServer server = new ReceivingServer(config, () -> slow)) {
            StreamSender sender = server.connect(config);
            StreamOutcome sent = sender.send(new PatternSource(size, 2));
            StreamOutcome received = server.received();
            StreamReceiver receiver = server.receiver.get();

            assertThat(sent.isComplete()).isTrue();
            assertThat(received.isComplete()).isTrue();
            assertThat(slow.sha256()).isEqualTo(PatternSource.sha256(size, 2));
            // backpressure reached the source: the sender had to wait, the receiver stopped reading the socket
            assertThat(sender.becameUnwritable()).isTrue();
            assertThat(receiver.everPaused()).isTrue();
            // and what each side held stayed within its bound, far below the stream's size
            assertThat(sender.maxPendingBytes())
                    .isLessThanOrEqualTo(config.writeHighWaterMark() + config.chunkSize() + 1024);
            assertThat(receiver.maxQueuedBytes())
                    .isLessThanOrEqualTo(config.receiveHighWaterMark() + config.chunkSize()
                            + FrameCodec.HEADER_LENGTH + DataPipeline.MAX_READ);
        }
    }

    @Test
    void aSourceFailingMidStreamReachesTheReceiverAsFailedWithItsMessage() throws Exception {
        long before = 3 * MiB + 1000;
        InputStream failing = new SequenceInputStream(new PatternSource(before, 3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        });
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink)) {
            StreamOutcome sent = server.connect(CONFIG).send(failing);
            StreamOutcome received = server.received();

            assertThat(sent.status()).isEqualTo(StreamOutcome.Status.LOCAL_FAILED);
            assertThat(received.status()).isEqualTo(StreamOutcome.Status.PEER_FAILED);
            assertThat(received).hasToString("failed: source failed after " + before + " bytes: disk on fire");
            assertThat(sink.count()).isEqualTo(before);
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(before, 3));
            assertThat(sink.closed).isTrue();
        }
    }

    @Test
    void aFailingSinkStopsTheSenderWithTheReceiversMessage() throws Exception {
        DigestSink failing = new DigestSink() {
            @Override
            protected void before(int len) throws IOException {
                if (count >= 2 * MiB) {
                    throw new IOException("zfs recv exited");
                }
            }
        };
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> failing)) {
            StreamOutcome sent = server.connect(CONFIG).send(new PatternSource(1L << 40, 4)); // "endless"
            StreamOutcome received = server.received();

            assertThat(received.status()).isEqualTo(StreamOutcome.Status.LOCAL_FAILED);
            assertThat(received).hasToString("failed: sink failed after " + 2 * MiB + " bytes: zfs recv exited");
            assertThat(sent.status()).isEqualTo(StreamOutcome.Status.PEER_FAILED);
            assertThat(sent).hasToString("failed: receiver: sink failed after " + 2 * MiB
                    + " bytes: zfs recv exited");
        }
    }

    @Test
    void aConnectionClosedMidStreamIsTruncated() throws Exception {
        CountDownLatch sinkHasTwoMib = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DigestSink sink = new DigestSink() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                super.write(b, off, len);
                if (count >= 2 * MiB) {
                    sinkHasTwoMib.countDown();
                }
            }
        };
        InputStream stalls = new SequenceInputStream(new PatternSource(2 * MiB, 5), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        });
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink)) {
            StreamSender sender = server.connect(CONFIG);
            CompletableFuture<StreamOutcome> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.send(stalls);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(sinkHasTwoMib.await(30, TimeUnit.SECONDS)).isTrue();
            sender.abort();
            StreamOutcome received = server.received();
            release.countDown();

            assertThat(received.status()).isEqualTo(StreamOutcome.Status.TRUNCATED);
            assertThat(received.toString()).startsWith("truncated: connection from ")
                    .endsWith(" closed after " + 2 * MiB + " bytes without end-of-stream");
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(2 * MiB, 5));
            assertThat(sink.closed).isTrue();
            assertThat(sent.get(30, TimeUnit.SECONDS).status()).isEqualTo(StreamOutcome.Status.TRUNCATED);
        }
    }

    @Test
    void aSilentPeerRunsIntoTheIdleTimeout() throws Exception {
        DataChannelConfig config = CONFIG.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1));
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(config, () -> sink);
             Socket silent = new Socket("127.0.0.1", server.lo.address().getPort())) {
            // a peer that handshakes, sends 10 bytes and then nothing at all, not even heartbeats
            silent.getOutputStream().write(Frames.encode(new Hello(Protocol.VERSION, Hello.Role.CLIENT, ""),
                    new Frame.Data(Unpooled.wrappedBuffer(new byte[10]))));
            StreamOutcome received = server.received();

            assertThat(received.status()).isEqualTo(StreamOutcome.Status.IDLE_TIMEOUT);
            assertThat(received.toString()).startsWith("idle timeout: no frame from ")
                    .endsWith(" for 1000 ms after 10 bytes");
            assertThat(sink.count()).isEqualTo(10);
            assertThat(silent.getInputStream().readAllBytes()).isNotEmpty(); // preamble, heartbeats, then closed
        }
    }

    @Test
    void heartbeatsKeepAStalledSourceAlive() throws Exception {
        DataChannelConfig config = CONFIG.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1));
        InputStream stallsTwice = new SequenceInputStream(new PatternSource(MiB, 6), new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    Thread.sleep(2500); // more than twice the idle timeout without a DATA frame
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        });
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(config, () -> sink)) {
            StreamOutcome sent = server.connect(config).send(stallsTwice);
            assertThat(sent.isComplete()).as(sent.toString()).isTrue();
            assertThat(server.received().isComplete()).isTrue();
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(MiB, 6));
        }
    }

    /**
     * A receiver that goes on taking data is alive even when its heartbeats come late: on a slow CPU its event loop
     * can be busy with our own data (decrypting TLS) for longer than the idle timeout. Here its heartbeats are
     * dropped altogether while a throttled source keeps the stream going for three idle timeouts.
     */
    @Test
    void aReceiverThatTakesDataIsAliveWithoutHeartbeats() throws Exception {
        DataChannelConfig config = CONFIG.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withChunkSize(64 * 1024);
        long size = 48 * 64 * 1024;
        InputStream throttled = new java.io.FilterInputStream(new PatternSource(size, 12)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    Thread.sleep(60);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return super.read(b, off, Math.min(len, 64 * 1024));
            }
        };
        DigestSink sink = new DigestSink();
        CompletableFuture<StreamReceiver> receiver = new CompletableFuture<>();
        AtomicInteger dropped = new AtomicInteger();
        try (Loopback lo = new Loopback(config, peer -> {
            StreamReceiver r = new StreamReceiver(config, sink);
            receiver.complete(r);
            return withoutHeartbeats(r, dropped);
        })) {
            StreamSender sender = new StreamSender(config);
            lo.connect(config, sender).get(10, TimeUnit.SECONDS);
            StreamOutcome sent = sender.send(throttled);

            assertThat(sent.isComplete()).as(sent.toString()).isTrue();
            assertThat(receiver.get().outcome().get(10, TimeUnit.SECONDS).isComplete()).isTrue();
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(size, 12));
            assertThat(dropped.get()).as("heartbeats the receiver tried to send").isGreaterThan(5);
        }
    }

    /** Installs {@code r} behind an outbound handler that swallows every HEARTBEAT it writes. */
    private static ChannelHandler withoutHeartbeats(StreamReceiver r, AtomicInteger dropped) {
        return new ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.pipeline().addBefore(ctx.name(), "drop-heartbeats", new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) {
                        if (msg instanceof Frame.Heartbeat) {
                            dropped.incrementAndGet();
                            promise.setSuccess();
                        } else {
                            c.write(msg, promise);
                        }
                    }
                });
                ctx.pipeline().replace(this, "stream", r);
            }
        };
    }

    @Test
    void anEndWithTheWrongLengthIsAProtocolError() throws Exception {
        DigestSink sink = new DigestSink();
        try (ReceivingServer server = new ReceivingServer(CONFIG, () -> sink);
             Socket liar = new Socket("127.0.0.1", server.lo.address().getPort())) {
            liar.getOutputStream().write(Frames.encode(new Hello(Protocol.VERSION, Hello.Role.CLIENT, ""),
                    new Frame.Data(Unpooled.wrappedBuffer(new byte[10])), new Frame.End(11)));
            StreamOutcome received = server.received();
            assertThat(received.status()).isEqualTo(StreamOutcome.Status.PROTOCOL_ERROR);
            assertThat(received.toString()).startsWith("protocol error: END says the stream has 11 bytes, 10 arrived");
        }
    }

    @Test
    void anOversizedFrameMidStreamIsAProtocolErrorAndTheServerKeepsServing() throws Exception {
        DigestSink first = new DigestSink();
        DigestSink second = new DigestSink();
        java.util.Iterator<DigestSink> sinks = java.util.List.of(first, second).iterator();
        try (ReceivingServer server = new ReceivingServer(CONFIG, sinks::next);
             Socket hostile = new Socket("127.0.0.1", server.lo.address().getPort())) {
            byte[] hello = Frames.encode(new Hello(Protocol.VERSION, Hello.Role.CLIENT, ""));
            hostile.getOutputStream().write(hello);
            hostile.getOutputStream().write(new byte[] {0x20, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            StreamOutcome received = server.received();
            assertThat(received.toString())
                    .startsWith("protocol error: DATA frame of 2147483647 bytes, allowed are 1..1048576");

            // the same server takes the next, honest client
            StreamSender sender = new StreamSender(CONFIG);
            server.lo.connect(CONFIG, sender).get(10, TimeUnit.SECONDS);
            assertThat(sender.send(new PatternSource(MiB, 7)).isComplete()).isTrue();
            assertThat(second.sha256()).isEqualTo(PatternSource.sha256(MiB, 7));
        }
    }

    @Test
    void theServerCanBeTheSenderForAPull() throws Exception {
        CompletableFuture<StreamOutcome> served = new CompletableFuture<>();
        try (Loopback lo = new Loopback(CONFIG, peer -> {
            StreamSender sender = new StreamSender(CONFIG);
            CompletableFuture.runAsync(() -> {
                try {
                    served.complete(sender.send(new PatternSource(8 * MiB, 8)));
                } catch (Exception e) {
                    served.completeExceptionally(e);
                }
            });
            return sender;
        })) {
            DigestSink sink = new DigestSink();
            StreamReceiver receiver = new StreamReceiver(CONFIG, sink);
            lo.connect(CONFIG, receiver).get(10, TimeUnit.SECONDS);

            assertThat(receiver.outcome().get(60, TimeUnit.SECONDS).isComplete()).isTrue();
            assertThat(served.get(60, TimeUnit.SECONDS).isComplete()).isTrue();
            assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(8 * MiB, 8));
        }
    }

    @Test
    void aReceiverThatNeverAnswersRunsTheSenderIntoTheIdleTimeout() throws Exception {
        DataChannelConfig config = CONFIG.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1));
        try (java.net.ServerSocket mute = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"));
             EventLoops loops = EventLoops.create(1)) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = mute.accept();
                    // handshakes, then reads nothing and writes nothing: no heartbeat, no acknowledgement
                    s.getOutputStream().write(Frames.encode(new Hello(Protocol.VERSION, Hello.Role.SERVER, "")));
                    return s;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            StreamSender sender = new StreamSender(config);
            DataChannelClient.connect(loops, (java.net.InetSocketAddress) mute.getLocalSocketAddress(),
                    Duration.ofSeconds(5), config, sender).get(10, TimeUnit.SECONDS);
            // more than the socket buffers of both sides hold: the link looks cut once they are full
            StreamOutcome sent = sender.send(new PatternSource(32 * MiB, 9));

            assertThat(sent.status()).isEqualTo(StreamOutcome.Status.IDLE_TIMEOUT);
            assertThat(sent.toString()).startsWith("idle timeout: no frame from ")
                    .endsWith(" for 1000 ms and no data taken");
            assertThat(sent.bytes()).isLessThan(32 * MiB);
            accepted.get(10, TimeUnit.SECONDS).close();
        }
    }
}
