package io.zreplcamel.transport.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: a throughput harness (docs/protocol.md §9). 1 GiB through StreamSender → StreamReceiver into a null
 * sink, and through a plain java.net.Socket copy with the same buffer size, in one JVM on loopback; prints MiB/s and
 * the ratio. Asserts only that every byte arrived. Run with
 * {@code mvn -B -q -o -pl routes/transport -am test -Dzpt.bench=true -Dtest=LoopbackThroughputBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "zpt.bench", matches = "true")
class LoopbackThroughputBench {

    private static final long SIZE = 1L << 30;
    private static final int BLOCK = 4 << 20;
    private static final byte[] RANDOM = new byte[BLOCK];

    static {
        new Random(11).nextBytes(RANDOM);
    }

    /** SIZE incompressible bytes, cheap to produce: a random block over and over. */
    static final class FastSource extends InputStream {
        private long left = SIZE;

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int pos = (int) ((SIZE - left) % BLOCK);
            int n = (int) Math.min(Math.min(len, left), BLOCK - pos);
            System.arraycopy(RANDOM, pos, b, off, n);
            left -= n;
            return n;
        }
    }

    static final class CountingNullSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    @Test
    void oneGibOverLoopback() throws Exception {
        int chunk = DataChannelConfig.DEFAULT_CHUNK_SIZE;
        DataChannelConfig defaults = DataChannelConfig.defaults();
        java.util.LinkedHashMap<String, DataChannelConfig> variants = new java.util.LinkedHashMap<>();
        variants.put("epoll defaults (" + defaults.chunkSize() / 1024 + " KiB chunks)", defaults);
        if (Boolean.getBoolean("zpt.bench.variants")) {
            variants.put("epoll 256 KiB chunks, marks 4/8 MiB", defaults.withChunkSize(256 << 10)
                    .withWriteWaterMarks(2 << 20, 4 << 20).withReceiveWaterMarks(4 << 20, 8 << 20));
            variants.put("epoll 512 KiB chunks, marks 4/8 MiB", defaults.withChunkSize(512 << 10)
                    .withWriteWaterMarks(2 << 20, 4 << 20).withReceiveWaterMarks(4 << 20, 8 << 20));
            variants.put("epoll 1 MiB chunks, marks 4/8 MiB", defaults.withChunkSize(1 << 20)
                    .withWriteWaterMarks(2 << 20, 4 << 20).withReceiveWaterMarks(4 << 20, 8 << 20));
        }
        // warm-up: let the JIT compile both paths before anything is measured
        plainSocket(chunk);
        ours(defaults, true);
        ours(defaults, false);
        int rounds = Integer.getInteger("zpt.bench.rounds", 3);
        int n = variants.size() + 2;
        double[][] r = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder();
            r[0][round] = plainSocket(chunk);
            line.append(String.format("plain socket %.0f", r[0][round]));
            r[1][round] = ours(defaults, false);
            line.append(String.format(" | nio defaults %.0f", r[1][round]));
            int i = 2;
            for (java.util.Map.Entry<String, DataChannelConfig> v : variants.entrySet()) {
                r[i][round] = ours(v.getValue(), true);
                line.append(String.format(" | %s %.0f", v.getKey(), r[i][round]));
                i++;
            }
            System.out.printf("BENCH round %d (MiB/s): %s%n", round + 1, line);
        }
        double socket = median(r[0]);
        System.out.printf("BENCH median: plain socket %.0f MiB/s%n", socket);
        System.out.printf("BENCH median: nio defaults %.0f MiB/s = %.2f x socket%n", median(r[1]), median(r[1]) / socket);
        int i = 2;
        for (String name : variants.keySet()) {
            System.out.printf("BENCH median: %s %.0f MiB/s = %.2f x socket%n", name, median(r[i]), median(r[i]) / socket);
            i++;
        }
        System.out.println("BENCH cores=" + Runtime.getRuntime().availableProcessors() + " java="
                + System.getProperty("java.version"));
        assertThat(socket).isPositive();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double ours(DataChannelConfig config, boolean epoll) throws Exception {
        CountingNullSink sink = new CountingNullSink();
        CompletableFuture<StreamReceiver> receiver = new CompletableFuture<>();
        try (EventLoops loops = EventLoops.create(2, epoll);
             DataChannelServer server = DataChannelServer.start(loops, new InetSocketAddress("127.0.0.1", 0), config,
                     peer -> {
                         StreamReceiver r = new StreamReceiver(config, sink);
                         receiver.complete(r);
                         return r;
                     }, e -> { })) {
            assertThat(loops.isEpoll()).isEqualTo(epoll);
            StreamSender sender = new StreamSender(config);
            DataChannelClient.connect(loops, server.localAddress(), Duration.ofSeconds(5), config, sender)
                    .get(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            StreamOutcome sent = sender.send(new FastSource());
            StreamOutcome received = receiver.get().outcome().get(60, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            assertThat(sent.isComplete()).as(sent.toString()).isTrue();
            assertThat(received.isComplete()).as(received.toString()).isTrue();
            assertThat(sink.count).isEqualTo(SIZE);
            return mibPerSecond(t1 - t0);
        }
    }

    private static double plainSocket(int bufferSize) throws Exception {
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[bufferSize];
                    long total = 0;
                    for (int n; (n = in.read(buf)) > 0; ) {
                        total += n;
                    }
                    return total;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long t0 = System.nanoTime();
            try (Socket s = new Socket("127.0.0.1", ss.getLocalPort()); OutputStream out = s.getOutputStream()) {
                s.setTcpNoDelay(true);
                InputStream source = new FastSource();
                byte[] buf = new byte[bufferSize];
                for (int n; (n = source.read(buf, 0, buf.length)) > 0; ) {
                    out.write(buf, 0, n);
                }
            }
            assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(SIZE);
            return mibPerSecond(System.nanoTime() - t0);
        }
    }

    private static double mibPerSecond(long nanos) {
        return (SIZE / (1024.0 * 1024.0)) / (nanos / 1e9);
    }
}
