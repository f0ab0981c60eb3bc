package io.zreplcamel.platformtest.replication;

import static io.zreplcamel.platformtest.replication.ReceivedData.assertSameData;
import static io.zreplcamel.platformtest.replication.ReceivedData.fsReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.platformtest.zfs.ZfsReceives;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput properties on real OpenZFS, through the engine's local endpoints ({@link LocalReplicationRig}): the send
 * bandwidth limit is an upper bound on the observed rate, and {@code replication.concurrency.steps} bounds the
 * receives running at once. The rate's upper bound is asserted (a slow machine only lowers the rate); lower bounds
 * are printed, never asserted (the emulated guest is slow).
 */
@PlatformTest
class ReplicationConcurrencyPlatformTest {

    private static final String PLACEHOLDERS_INHERIT = """
                recv:
                  placeholder:
                    encryption: inherit
            """;

    private static final double MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** {@code mib} files of 1 MiB from /dev/urandom (incompressible), then snapshot {@code @s1}. */
    private static void filesystemWith(TestPool pool, String relative, int mib) {
        String fs = pool.ds(relative);
        pool.zfs("create", fs);
        Sh.bash("for i in $(seq 1 " + mib + "); do head -c 1048576 /dev/urandom > " + pool.mountpoint(relative)
                + "/f$i; done").check();
        pool.zfs("snapshot", fs + "@s1");
    }

    @Test
    void theSendBandwidthLimitBoundsTheObservedRate(TestPool src, TestPool dst) {
        filesystemWith(src, "data", 6);
        StreamProbe probe = new StreamProbe();
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true", """
                    send:
                      bandwidth_limit:
                        max: 1 MiB
                """, PLACEHOLDERS_INHERIT)) {
            long limit = rig.push.send().bandwidthLimit().maxBytesPerSecond();
            assertThat(limit).isEqualTo(1L << 20);
            long t0 = System.nanoTime();
            InvocationReport report = rig.runner().invoke(rig.sender(), rig.receiver(probe));
            double invocationSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(fsReport(report, src.ds("data")).state()).as("%s", report).isEqualTo(FilesystemState.DONE);
            assertThat(probe.transfers).hasSize(1);
            StreamProbe.Transfer t = probe.transfers.get(0);
            assertThat(t.bytes).as("stream bytes").isGreaterThan(6L << 20);
            double rate = t.rate();
            System.out.printf("bandwidth limit %.2f MiB/s: step streamed %.2f MiB in %.2f s = %.3f MiB/s "
                    + "(%.1f %% of the limit); whole invocation %.2f s = %.3f MiB/s (lower bound, not asserted)%n",
                    limit / MIB, t.bytes / MIB, t.seconds(), rate / MIB, 100 * rate / limit, invocationSeconds,
                    t.bytes / MIB / invocationSeconds);
            // the bucket (128 KiB) may be spent at once at the start: that is within the 10 % for 6 MiB
            assertThat(rate).as("observed rate in bytes/s").isLessThanOrEqualTo(1.10 * limit);
            assertSameData(src.ds("data@s1"), rig.received("data") + "@s1");
        }
    }

    @Test
    void twoConcurrentStepsOverFourFilesystemsNeverMore(TestPool src, TestPool dst) throws Exception {
        List<String> names = List.of("c1", "c2", "c3", "c4");
        for (String n : names) {
            filesystemWith(src, n, 3);
        }
        StreamProbe probe = new StreamProbe();
        AtomicInteger maxRecv = new AtomicInteger();
        AtomicBoolean polling = new AtomicBoolean(true);
        String sinkPrefix = dst.ds("sink");
        // an independent observer: zfs recv processes into the sink, counted from /proc every 50 ms
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                maxRecv.accumulateAndGet(countReceives(sinkPrefix), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "zfs-recv-poller");
        String filter = String.join(", ", names.stream().map(n -> "\"<src>/" + n + "\": true").toList());
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, filter, """
                    send:
                      bandwidth_limit:
                        max: 2 MiB
                    replication:
                      concurrency:
                        steps: 2
                """, PLACEHOLDERS_INHERIT)) {
            assertThat(rig.push.replication().concurrentSteps()).isEqualTo(2);
            poller.setDaemon(true);
            poller.start();
            InvocationReport report;
            try {
                report = rig.runner().invoke(rig.sender(), rig.receiver(probe));
            } finally {
                polling.set(false);
                poller.join(5000);
            }
            for (String n : names) {
                assertThat(fsReport(report, src.ds(n)).state()).as("%s: %s", n, report)
                        .isEqualTo(FilesystemState.DONE);
            }
            System.out.println("concurrency.steps 2 over 4 filesystems: at most " + probe.maxRunning()
                    + " streams read at once (receiver), at most " + maxRecv.get() + " zfs recv processes seen");
            for (StreamProbe.Transfer t : probe.transfers) {
                System.out.printf("  stream %.2f MiB from +%.2f s to +%.2f s%n", t.bytes / MIB,
                        (t.startNanos - probe.transfers.get(0).startNanos) / 1e9,
                        (t.endNanos - probe.transfers.get(0).startNanos) / 1e9);
            }
            assertThat(probe.transfers).hasSize(4);
            assertThat(probe.maxRunning()).as("streams received at once").isEqualTo(2);
            assertThat(maxRecv.get()).as("zfs recv processes at once").isEqualTo(2);
            for (String n : names) {
                assertSameData(src.ds(n + "@s1"), rig.received(n) + "@s1");
            }
        }
    }

    /** Running {@code zfs recv}/{@code zfs receive} processes whose command line names a dataset below {@code prefix}. */
    private static int countReceives(String prefix) {
        File[] procs = new File("/proc").listFiles((d, name) -> name.chars().allMatch(Character::isDigit));
        int n = 0;
        if (procs == null) {
            return 0;
        }
        for (File p : procs) {
            String cmd = ZfsReceives.cmdline(Long.parseLong(p.getName())).orElse("");
            if (ZfsReceives.isReceiveInto(cmd, prefix + "/")) {
                n++;
            }
        }
        return n;
    }
}
