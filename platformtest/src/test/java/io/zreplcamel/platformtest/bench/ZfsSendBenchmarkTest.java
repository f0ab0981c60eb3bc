package io.zreplcamel.platformtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
import io.zreplcamel.zfs.component.ZfsComponent;
import io.zreplcamel.zfs.component.ZfsConstants;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: a 1 GiB incompressible full send through the component ({@code zfs:send} →
 * {@code zfs:recv}) against the raw OS pipe {@code zfs send | zfs recv}, in the same guest run, alternating (raw,
 * component, component with JVM copy; twice) so cache effects hit all. The component's default connects the two
 * processes directly (directPipe); the JVM-copy variant is what a stream crossing a network transport costs.
 * Prints the times, the throughput ratios (raw time / component time, goal ≥ 0.95) and the JVM's peak RSS (VmHWM,
 * reset before each copied run) for a 128 MiB and the 1 GiB stream copied through the JVM, which must not differ
 * by anything like the stream size.
 *
 * <p>Runs only when asked: {@code platformtest/run --filter ZfsSendBenchmark} (or {@code -Dzpt.bench=true});
 * otherwise it is reported as skipped. Results also go to {@code <results>/bench/zfs-send.txt}.
 */
@PlatformTest
@Tag("bench")
class ZfsSendBenchmarkTest {

    static final long MIB = 1024 * 1024;
    static final long SIZE = 1024 * MIB;
    static final long SMALL = 128 * MIB;

    @Test
    void componentVersusRawPipe(TestPools pools) throws Exception {
        Assumptions.assumeTrue(requested(), "benchmark not requested (platformtest/run --filter ZfsSendBenchmark)");
        TestPool src = pools.create("", 1, 3L << 30);
        TestPool dst = pools.create("", 1, 3L << 30);
        String data = src.ds("data");
        src.zfs("create", "-o", "compression=off", "-o", "recordsize=128k", data);
        writeRandom(src.mountpoint("data").resolve("big.bin"), SIZE, 7);
        src.zfs("create", "-o", "compression=off", src.ds("small"));
        writeRandom(src.mountpoint("small").resolve("small.bin"), SMALL, 8);
        Sh.bash("zfs snapshot '" + data + "@a' '" + src.ds("small") + "@a'");

        CamelContext ctx = new DefaultCamelContext();
        ctx.addComponent("zfs", new ZfsComponent());
        ctx.setStreamCaching(true);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:direct").to("zfs:send").to("zfs:recv?noMount=true");
                from("direct:copy").to("zfs:send").to("zfs:recv?noMount=true&directPipe=false");
            }
        });
        ctx.start();
        List<String> report = new ArrayList<>();
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            // warm-up (JIT of the copy path) and the small-stream RSS figure, through the JVM copy path
            resetPeakRss();
            long smallNanos = component(t, "direct:copy", src.ds("small@a"), dst.ds("small"));
            long smallHwm = peakRssKib();
            report.add(String.format(Locale.ROOT, "component (JVM copy) 128 MiB: %.2f s, JVM VmHWM during it %d MiB",
                    smallNanos / 1e9, smallHwm / 1024));

            List<Long> raw = new ArrayList<>();
            List<Long> direct = new ArrayList<>();
            List<Long> copy = new ArrayList<>();
            long bigHwm = 0;
            String srcGuid = src.zfs("get", "-H", "-p", "-o", "value", "guid", data + "@a").stdout().strip();
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                Sh.pipe(List.of("zfs", "send", data + "@a"), List.of("zfs", "recv", "-u", dst.ds("raw")));
                raw.add(System.nanoTime() - t0);
                dst.zfs("destroy", "-r", dst.ds("raw"));

                direct.add(component(t, "direct:direct", data + "@a", dst.ds("direct")));
                assertThat(dst.zfs("get", "-H", "-p", "-o", "value", "guid", dst.ds("direct@a")).stdout().strip())
                        .isEqualTo(srcGuid);
                dst.zfs("destroy", "-r", dst.ds("direct"));

                resetPeakRss();
                copy.add(component(t, "direct:copy", data + "@a", dst.ds("copy")));
                bigHwm = Math.max(bigHwm, peakRssKib());
                assertThat(dst.zfs("get", "-H", "-p", "-o", "value", "guid", dst.ds("copy@a")).stdout().strip())
                        .isEqualTo(srcGuid);
                dst.zfs("destroy", "-r", dst.ds("copy"));
                report.add(String.format(Locale.ROOT, "round %d: raw pipe %.2f s (%.1f MiB/s); component direct pipe "
                        + "%.2f s (%.1f MiB/s, ratio %.3f); component JVM copy %.2f s (%.1f MiB/s, ratio %.3f)",
                        round + 1, raw.get(round) / 1e9, mibps(raw.get(round)), direct.get(round) / 1e9,
                        mibps(direct.get(round)), (double) raw.get(round) / direct.get(round),
                        copy.get(round) / 1e9, mibps(copy.get(round)), (double) raw.get(round) / copy.get(round)));
            }
            double rawMean = mean(raw);
            report.add(String.format(Locale.ROOT, "1 GiB full send, mean of %d rounds: raw pipe %.2f s; component "
                    + "(default: direct pipe) %.2f s, throughput ratio %.3f (goal >= 0.95); component with the "
                    + "stream copied through the JVM %.2f s, ratio %.3f", raw.size(), rawMean / 1e9,
                    mean(direct) / 1e9, rawMean / mean(direct), mean(copy) / 1e9, rawMean / mean(copy)));
            report.add(String.format(Locale.ROOT, "JVM peak RSS (VmHWM) while copying a stream through the JVM: "
                    + "128 MiB -> %d MiB, 1 GiB -> %d MiB (difference %d MiB)", smallHwm / 1024, bigHwm / 1024,
                    (bigHwm - smallHwm) / 1024));
            assertThat(bigHwm - smallHwm).as("RSS must not grow with the stream size").isLessThan(256 * 1024);
        } finally {
            ctx.close();
            report.forEach(l -> System.out.println("BENCH " + l));
            save(report);
        }
    }

    private static double mean(List<Long> l) {
        return l.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }

    private static long component(ProducerTemplate t, String route, String snapshot, String target) {
        long t0 = System.nanoTime();
        Exchange ex = t.send(route, e -> {
            e.getMessage().setHeader(ZfsConstants.SNAPSHOT, snapshot);
            e.getMessage().setHeader(ZfsConstants.RECEIVE_TARGET, target);
        });
        long nanos = System.nanoTime() - t0;
        if (ex.getException() != null) {
            throw new AssertionError("component replication failed", ex.getException());
        }
        return nanos;
    }

    private static double mibps(long nanos) {
        return SIZE / (double) MIB / (nanos / 1e9);
    }

    static boolean requested() {
        return BenchSelection.requested("ZfsSendBenchmark");
    }

    /** Writing 5 to clear_refs resets the peak RSS (VmHWM) of the process (Linux 4.0+). */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            System.out.println("cannot reset VmHWM: " + e.getMessage());
        }
    }

    private static long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void save(List<String> report) {
        String results = System.getenv("ZPT_RESULTS");
        Path dir = Path.of(results != null ? results : "/mnt/results", "bench");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("zfs-send.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot save benchmark report: " + e.getMessage());
        }
    }

    static void writeRandom(Path file, long bytes, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = rnd.nextLong();
                    for (int k = 0; k < 8; k++) {
                        buf[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }
}
