package io.zreplcamel.platformtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
import io.zreplcamel.platformtest.replication.DaemonProcess;
import io.zreplcamel.platformtest.net.Host;
import io.zreplcamel.platformtest.net.HostDaemon;
import io.zreplcamel.platformtest.net.PeerTransport;
import io.zreplcamel.platformtest.net.TcpTransport;
import io.zreplcamel.platformtest.net.TlsTransport;
import io.zreplcamel.platformtest.net.TwoHosts;
import io.zreplcamel.platformtest.snap.DaemonWorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The network transports between two hosts (network namespaces joined by a veth pair, {@link TwoHosts}), each with
 * its own pool, against the baseline {@code zfs send | nc | zfs recv} in the same guest run: one full send of
 * {@code zpt.bench.transport.mib} MiB of incompressible data (default 1024; quick mode 128), several rounds with the
 * order rotated, min and median per path and the ratio of medians to nc's. Ours is one whole push invocation
 * ({@code signal wakeup --wait}: both listings, planning, the step with holds and cursor, pruning that keeps
 * everything) between two daemons, over tcp and over tls. Also the peak RSS of the daemons (VmHWM), the figure that
 * must stay flat whatever the stream size.
 */
@PlatformTest
class TransportBenchmarkTest {

    private static final int TCP_PORT = 8888;
    private static final int TLS_PORT = 8889;
    private static final int NC_PORT = 9000;
    private static final Duration START = Duration.ofMinutes(5);

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS) // the harness's 15-minute default ended the 1 GiB run mid-tls
    void pushOverTcpAndTlsVersusNc(TestPools pools) throws Exception {
        Assumptions.assumeTrue(BenchSelection.requested("TransportBenchmark"),
                "benchmark: run with --filter TransportBenchmark or --bench");
        boolean quick = Boolean.getBoolean("zpt.bench.quick");
        long mib = Long.getLong("zpt.bench.transport.mib", quick ? 128 : 1024);
        int rounds = Integer.getInteger("zpt.bench.rounds", quick ? 2 : 3);
        Path dir = DaemonWorkDir.create("transportbench-");
        // sparse vdevs big enough for the stream and what a round leaves: the default 512 MiB pools filled up on a
        // 256 MiB stream (a received tcp copy next to the tls one), so rounds failed for want of space, not speed
        long vdevBytes = Math.max(TestPools.DEFAULT_VDEV_BYTES, (3 * mib + 512) << 20);
        TestPool a = pools.create("", 1, vdevBytes);
        TestPool b = pools.create("", 1, vdevBytes);
        try (TwoHosts hosts = TwoHosts.create()) {
            Host hostA = hosts.a();
            Host hostB = hosts.b();
            String src = a.ds("src");
            Sh.bash("zfs create -o compression=off -o recordsize=1M " + src + " && zfs create " + b.ds("nc")
                    + " && zfs create " + b.ds("tcp") + " && zfs create " + b.ds("tls")
                    + " && head -c " + (mib << 20) + " /dev/urandom > " + a.mountpoint("src") + "/data"
                    + " && zfs snapshot " + src + "@s1").check();

            TcpTransport tcp = new TcpTransport();
            TlsTransport tls = new TlsTransport();
            tls.prepare(hosts, dir);
            String keepAll = """
                        pruning:
                          keep_sender: [{type: regex, regex: ".*"}]
                          keep_receiver: [{type: regex, regex: ".*"}]
                    """;
            String jobsB = """
                    jobs:
                      - name: sink-tcp
                        type: sink
                        root_fs: "%s"
                        serve: %s
                        recv: {placeholder: {encryption: off}}
                      - name: sink-tls
                        type: sink
                        root_fs: "%s"
                        serve: %s
                        recv: {placeholder: {encryption: off}}
                    """.formatted(b.ds("tcp"), tcp.serve(hostB, TCP_PORT, Map.of(hostA, "a")), b.ds("tls"),
                    tls.serve(hostB, TLS_PORT, Map.of(hostA, "a")));
            String jobsA = "jobs:\n" + push("push-tcp", src, tcp, hostA, hostB, TCP_PORT) + keepAll
                    + push("push-tls", src, tls, hostA, hostB, TLS_PORT) + keepAll;
            // the harness's daemons stop by themselves after 10 minutes; the rounds of a benchmark take longer
            Map<String, String> env = Map.of(DaemonProcess.MAX_SECONDS_ENV, Long.toString(4 * 3600));
            HostDaemon sink = hostB.startDaemon(Files.createDirectories(dir.resolve("b")), jobsB, env);
            HostDaemon pusher = hostA.startDaemon(Files.createDirectories(dir.resolve("a")), jobsA, env);
            sink.awaitListening(TCP_PORT, START);
            sink.awaitListening(TLS_PORT, START);

            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            Map<String, String> failures = new LinkedHashMap<>();
            StringBuilder details = new StringBuilder();
            List<String> order = new ArrayList<>(List.of("nc", "tcp", "tls"));
            for (String path : order) {
                seconds.put(path, new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (String path : order) {
                    if (failures.containsKey(path)) {
                        continue;
                    }
                    try {
                        int r = round;
                        seconds.get(path).add(switch (path) {
                            case "nc" -> nc(hostA, hostB, src + "@s1", b.ds("nc/r" + r), NC_PORT + r);
                            case "tcp" -> ours(pusher, "push-tcp", b.ds("tcp") + "/a");
                            default -> ours(pusher, "push-tls", b.ds("tls") + "/a");
                        });
                    } catch (Exception | AssertionError e) {
                        // a path that fails is reported in the table, and the others are still measured
                        String why = String.valueOf(e.getMessage());
                        failures.put(path, "round " + (round + 1) + ": " + why.lines().findFirst().orElse(why));
                        // the whole message (the daemon's log tail) is what tells why; the table has one line
                        details.append("BENCH ").append(path).append(", round ").append(round + 1)
                                .append(", failed:\n").append(why).append("\n\n");
                        System.out.println("BENCH " + path + ", round " + (round + 1) + ", failed:\n" + why);
                    }
                }
                order.add(order.remove(0));
            }
            String table = table(mib, rounds, seconds, rss(pusher), rss(sink), failures);
            System.out.println(table);
            Path out = Path.of(System.getenv().getOrDefault("ZPT_RESULTS", "/mnt/results"), "bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("transport.md"), table);
            Files.writeString(out.resolve("transport-failures.txt"), details.toString());
            assertThat(failures).as("paths that failed (the table above has the others)").isEmpty();
        } finally {
            DaemonWorkDir.delete(dir);
        }
    }

    private static String push(String name, String src, PeerTransport t, Host from, Host to, int port) {
        return """
                  - name: %s
                    type: push
                    connect: %s
                    filesystems: {"%s": true}
                    snapshotting: {type: manual}
                """.formatted(name, t.connect(from, to, port), src);
    }

    /** {@code zfs send | nc} on A into {@code nc -l | zfs recv} on B; seconds from the send's start to recv's end. */
    private static double nc(Host a, Host b, String snapshot, String target, int port) throws Exception {
        // a port per round: the last round's may still be in TIME_WAIT, and nc -l would not bind it
        Process recv = b.start(Path.of("/dev/null"), "sh", "-c", "nc -l " + port + " | zfs recv -u " + target);
        b.awaitListening(port, Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        Sh.Result send = a.exec("sh", "-c", "zfs send " + snapshot + " | nc -N " + b.address() + " " + port);
        assertThat(recv.waitFor(30, TimeUnit.MINUTES)).isTrue();
        double s = (System.nanoTime() - t0) / 1e9;
        send.check();
        assertThat(recv.exitValue()).as("zfs recv of the nc baseline").isZero();
        assertThat(guid(target + "@s1")).isEqualTo(guid(snapshot));
        Sh.run("zfs", "destroy", "-r", target).check();
        return s;
    }

    /** One push invocation of the full stream (the received filesystem is destroyed first, so it is full again). */
    private static double ours(HostDaemon pusher, String job, String receivedRoot) throws Exception {
        release(receivedRoot);
        assertThat(Sh.exec("zfs", "list", receivedRoot).exitCode()).as(receivedRoot + " gone before the round")
                .isNotZero();
        long t0 = System.nanoTime();
        HostDaemon.Cli run = pusher.wakeupAndWait(job, START);
        double s = (System.nanoTime() - t0) / 1e9;
        assertThat(run.exit()).as("%s; log:\n%s", run, pusher.log()).isZero();
        release(receivedRoot); // a received copy would only take the next path's space
        return s;
    }

    /** The sink holds what it received last (zrepl_last_received_J_…): release, then destroy, so a round is full. */
    private static void release(String receivedRoot) {
        Sh.exec("sh", "-c", "zfs list -H -o name -t snapshot -r " + receivedRoot + " 2>/dev/null | while read -r s;"
                + " do zfs holds -H \"$s\" | cut -f2 | while read -r t; do zfs release \"$t\" \"$s\"; done; done;"
                + " zfs destroy -r " + receivedRoot + " 2>/dev/null; true");
    }

    private static String guid(String snapshot) {
        return Sh.run("zfs", "get", "-H", "-o", "value", "guid", snapshot).check().stdout().strip();
    }

    /** Peak resident set of a daemon's JVM in MiB (VmHWM). */
    private static long rss(HostDaemon d) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(d.process().process().pid()),
                "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String table(long mib, int rounds, Map<String, List<Double>> seconds, long rssA, long rssB,
            Map<String, String> failures) {
        double ncMedian = seconds.get("nc").isEmpty() ? Double.NaN : median(seconds.get("nc"));
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "BENCH transports: full send of %d MiB incompressible between two network"
                + " namespaces, %d rounds%n", mib, rounds));
        t.append("BENCH | path | min s | median s | MiB/s (median) | x nc (throughput) |\n");
        t.append("BENCH |---|---|---|---|---|\n");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            if (e.getValue().isEmpty()) {
                t.append(String.format(Locale.ROOT, "BENCH | %s | failed | | | |%n", label(e.getKey())));
                continue;
            }
            double med = median(e.getValue());
            double min = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            t.append(String.format(Locale.ROOT, "BENCH | %s | %.1f | %.1f | %.1f | %.2f |%n", label(e.getKey()), min,
                    med, mib / med, ncMedian / med));
        }
        t.append(String.format(Locale.ROOT, "BENCH peak RSS (VmHWM): pushing daemon %d MiB, sink daemon %d MiB%n",
                rssA, rssB));
        failures.forEach((path, why) -> t.append("BENCH failed: " + label(path) + ": " + why + "\n"));
        return t.toString();
    }

    private static String label(String path) {
        return switch (path) {
            case "nc" -> "zfs send | nc | zfs recv (baseline)";
            case "tcp" -> "push -> sink over tcp (whole invocation)";
            default -> "push -> sink over tls (whole invocation)";
        };
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
