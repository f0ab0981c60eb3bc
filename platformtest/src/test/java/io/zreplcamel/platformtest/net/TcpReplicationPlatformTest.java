package io.zreplcamel.platformtest.net;

import static io.zreplcamel.platformtest.replication.ReceivedData.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.zfs.ZfsReceives;
import io.zreplcamel.platformtest.TestPools;
import io.zreplcamel.platformtest.Trees;
import io.zreplcamel.platformtest.snap.DaemonWorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replication between two daemons on two hosts ({@link TwoHosts}: network namespaces that share the guest's ZFS),
 * each with its own pool, over a network transport: push into a sink and pull from a source (full, then
 * incremental), a client whose IP the sink does not know, and a link cut in the middle of a stream (a later attempt
 * of the run resumes from the receiver's resume token).
 *
 * <p>The whole class runs once per transport of {@link #transports()}. A daemon JVM takes most of a minute to start
 * under emulation, so both daemons are started once per transport with every job the tests use (each test has jobs
 * and filesystems of its own) and the tests run in a fixed order: the link cut last, since it disturbs every
 * connection.
 */
@PlatformTest
@ParameterizedClass(name = "{0}")
@MethodSource("transports")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TcpReplicationPlatformTest {

    /** The transports the class runs over (ssh+stdinserver has its own platform test through a real sshd). */
    static Stream<PeerTransport> transports() {
        return Stream.of(new TcpTransport(), new TlsTransport());
    }

    private static final int SINK_PORT = 8888;
    private static final int SOURCE_PORT = 8889;
    /** tcp only: a second sink whose clients map is a CIDR. */
    private static final int CIDR_SINK_PORT = 8890;
    private static final int MAX_ATTEMPTS = 15;
    /** Two daemon JVMs starting at once under TCG on a shared machine: up to a few minutes. */
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String KEEP_ALL = """
                pruning:
                  keep_sender: [{type: not_replicated}, {type: regex, regex: ".*"}]
                  keep_receiver: [{type: regex, regex: ".*"}]
            """;

    @Parameter
    PeerTransport transport;

    private static Path dir;
    private static TwoHosts hosts;
    private static TestPools pools;
    private static TestPool poolA;
    private static TestPool poolB;
    private static HostDaemon daemonA;
    private static HostDaemon daemonB;

    /**
     * Host A's daemon: {@code push} (filesystem {@code A/push}), {@code push-cut} ({@code A/cut}, throttled),
     * {@code source} ({@code A/pullsrc}) and, over tcp, {@code push-cidr} ({@code A/cidr}); host B's: {@code sink}
     * (root {@code B/sink}), {@code pull} (root {@code B/pulled}) and, over tcp, {@code sink-cidr} ({@code B/cidr}).
     * Every active job runs only when woken up; attempts after a connectivity error come every 2 s.
     */
    @BeforeParameterizedClassInvocation
    static void startDaemons(PeerTransport transport) throws Exception {
        dir = DaemonWorkDir.create("tcpreplication-");
        pools = TestPools.forClass(TcpReplicationPlatformTest.class.getSimpleName() + "-" + transport.name());
        poolA = pools.create();
        poolB = pools.create();
        hosts = TwoHosts.create();
        Host a = hosts.a();
        Host b = hosts.b();
        transport.prepare(hosts, dir);
        boolean tcp = transport instanceof TcpTransport;
        Sh.bash("zfs create " + poolA.ds("push") + " && zfs create " + poolA.ds("pullsrc") + " && zfs create "
                + poolA.ds("cidr") + " && zfs create -o compression=off " + poolA.ds("cut") + " && zfs create "
                + poolB.ds("sink") + " && zfs create " + poolB.ds("pulled") + " && zfs create " + poolB.ds("cidr"));

        String jobsB = """
                jobs:
                  - name: sink
                    type: sink
                    root_fs: "%s"
                    serve: %s
                    recv: {placeholder: {encryption: inherit}}
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: "%s"
                    interval: manual
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(poolB.ds("sink"), transport.serve(b, SINK_PORT, Map.of(a, "laptop")),
                transport.connect(b, a, SOURCE_PORT), poolB.ds("pulled")) + KEEP_ALL;
        String jobsA = """
                jobs:
                  - name: source
                    type: source
                    serve: %s
                    filesystems: {"%s": true}
                    snapshotting: {type: manual}
                """.formatted(transport.serve(a, SOURCE_PORT, Map.of(b, "backupserver")), poolA.ds("pullsrc"))
                + pushJob("push", poolA.ds("push"), transport.connect(a, b, SINK_PORT), "")
                + pushJob("push-cut", poolA.ds("cut"), transport.connect(a, b, SINK_PORT),
                        "    send: {bandwidth_limit: {max: 2 MiB}}\n");
        if (tcp) {
            TcpTransport t = (TcpTransport) transport;
            jobsB += """
                      - name: sink-cidr
                        type: sink
                        root_fs: "%s"
                        serve: %s
                        recv: {placeholder: {encryption: inherit}}
                    """.formatted(poolB.ds("cidr"), t.serve(CIDR_SINK_PORT, Map.of(linkCidr(a), "net-*")));
            jobsA += pushJob("push-cidr", poolA.ds("cidr"), t.connect(a, b, CIDR_SINK_PORT), "");
        }
        Map<String, String> env = Map.of("ZREPL_REPLICATION_RECONNECT_INTERVAL", "2s",
                "ZREPL_REPLICATION_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS));
        daemonB = b.startDaemon(Files.createDirectories(dir.resolve("b")), jobsB, env);
        daemonA = a.startDaemon(Files.createDirectories(dir.resolve("a")), jobsA, env);
        daemonB.awaitListening(SINK_PORT, START);
        daemonA.awaitListening(SOURCE_PORT, START);
    }

    /** Before the pools are destroyed: the daemons must be gone. */
    @AfterParameterizedClassInvocation
    static void stopDaemons() throws IOException {
        try {
            if (hosts != null) {
                hosts.close();
            }
        } finally {
            try {
                if (pools != null) {
                    pools.close();
                }
            } finally {
                if (dir != null) {
                    DaemonWorkDir.delete(dir);
                }
                hosts = null;
                pools = null;
                dir = null;
            }
        }
    }

    // ------------------------------------------------------------------ push -> sink

    @Test
    @Order(1)
    void pushReplicatesIntoTheSinkOnTheOtherHostFullThenIncremental() throws Exception {
        String src = poolA.ds("push");
        Trees.writeRandomFiles(poolA.mountpoint("push"), 1, 8, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");

        HostDaemon.Cli first = daemonA.wakeupAndWait("push", START);
        assertThat(first.exit()).as("%s; push log:\n%s\nsink log:\n%s", first, tail(daemonA), tail(daemonB)).isZero();
        assertThat(first.out()).startsWith("job push: invocation finished: 1/1 filesystem(s) replicated");
        String received = poolB.ds("sink") + "/laptop/" + src;
        assertSameData(src + "@s1", received + "@s1");

        Trees.writeRandomFiles(poolA.mountpoint("push"), 2, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s2");
        HostDaemon.Cli second = daemonA.wakeupAndWait("push", START);
        assertThat(second.exit()).as("%s; push log:\n%s", second, tail(daemonA)).isZero();
        assertThat(snapshots(received)).containsExactly("s1", "s2");
        assertSameData(src + "@s2", received + "@s2");
        assertThat(daemonA.log()).contains("step " + src + " (full) -> @s1 started")
                .contains("step " + src + " @s1 -> @s2 started");
        assertThat(daemonA.awaitRuns("push", 2, RUN)).hasSize(2).allSatisfy(e -> assertThat(e)
                .containsEntry("type", "push-run").containsEntry("ok", true));
    }

    // ------------------------------------------------------------------ pull <- source

    @Test
    @Order(2)
    void pullReplicatesFromTheSourceOnTheOtherHostFullThenIncremental() throws Exception {
        String src = poolA.ds("pullsrc");
        Trees.writeRandomFiles(poolA.mountpoint("pullsrc"), 3, 8, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");

        HostDaemon.Cli first = daemonB.wakeupAndWait("pull", START);
        assertThat(first.exit()).as("%s; pull log:\n%s\nsource log:\n%s", first, tail(daemonB), tail(daemonA))
                .isZero();
        assertThat(first.out()).startsWith("job pull: invocation finished: 1/1 filesystem(s) replicated");
        String received = poolB.ds("pulled") + "/" + src;
        assertSameData(src + "@s1", received + "@s1");

        Trees.writeRandomFiles(poolA.mountpoint("pullsrc"), 4, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s2");
        HostDaemon.Cli second = daemonB.wakeupAndWait("pull", START);
        assertThat(second.exit()).as("%s; pull log:\n%s", second, tail(daemonB)).isZero();
        assertThat(snapshots(received)).containsExactly("s1", "s2");
        assertSameData(src + "@s2", received + "@s2");
        assertThat(daemonB.log()).contains("step " + src + " @s1 -> @s2 started");
        assertThat(daemonB.awaitRuns("pull", 2, RUN)).hasSize(2).allSatisfy(e -> assertThat(e)
                .containsEntry("type", "pull-run").containsEntry("ok", true));
        // the source job keeps its cursor on its own side
        assertThat(poolA.zfs("list", "-H", "-o", "name", "-t", "bookmark", src).lines())
                .anyMatch(bm -> bm.startsWith(src + "#zrepl_CURSOR_G_") && bm.endsWith("_J_source"));
    }

    // ------------------------------------------------------------------ unknown client IP (tcp)

    @Test
    @Order(3)
    void aClientIpNotInTheClientsMapIsRefusedAndTheSinkStillServesListedClients() throws Exception {
        Assumptions.assumeTrue(transport instanceof TcpTransport, "the clients map by IP is tcp's");
        Host a = hosts.a();
        String src = poolA.ds("cidr");
        String root = poolB.ds("cidr");
        Trees.writeRandomFiles(poolA.mountpoint("cidr"), 5, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");
        int markA = daemonA.logMark();
        int markB = daemonB.logMark();

        // A's connections now come from 10.213.<k+1>.5, outside the sink's CIDR key (the link's /30)
        String unlisted = hosts.dialFromSecondAddress(a);
        HostDaemon.Cli refused;
        HostDaemon.Cli reset;
        try {
            CompletableFuture<HostDaemon.Cli> run = wakeupAsync(daemonA, "push-cidr");
            daemonB.awaitLog(markB, "refused connection from " + unlisted + ": client IP not in the clients map", RUN);
            daemonA.awaitLog(markA, "replication: attempt 1 of " + MAX_ATTEMPTS
                    + " hit a temporary connectivity error", RUN);
            // the run would go on trying every 2 s: end it
            reset = daemonA.signal("reset", "push-cidr");
            refused = run.get(2, TimeUnit.MINUTES);
        } finally {
            hosts.dialFromPrimaryAddress(a);
        }
        System.out.println("push from " + unlisted + ": " + refused + "; reset: " + reset);
        assertThat(reset.exit()).as("%s", reset).isZero();
        assertThat(refused.exit()).as("%s; push log:\n%s", refused, tail(daemonA)).isEqualTo(1);
        assertThat(refused.err()).startsWith("job push-cidr: invocation finished with errors: 0/0 filesystem(s)");
        Map<String, Object> failedRun = daemonA.awaitRuns("push-cidr", 1, RUN).get(0);
        assertThat(failedRun).containsEntry("ok", false);
        // the sink closes at once: the client sees the close, or a reset when its hello was still unread
        assertThat(attempts(failedRun)).first().extracting(at -> (String) at.get("error")).asString()
                .contains("peer tcp " + hosts.b().address() + ":" + CIDR_SINK_PORT + " not reachable")
                .containsAnyOf("closed during the handshake", "Connection reset by peer");
        assertThat(daemonB.logSince(markB).lines().filter(l -> l.contains(" WARN ")
                && l.contains("refused connection from " + unlisted + ": client IP not in the clients map")))
                .as("the sink's WARN naming %s", unlisted).isNotEmpty();
        assertThat(poolB.zfs("list", "-H", "-o", "name", "-r", root).lines()).as("nothing received")
                .containsExactly(root);

        HostDaemon.Cli served = daemonA.wakeupAndWait("push-cidr", START);
        assertThat(served.exit()).as("%s; push log:\n%s\nsink log:\n%s", served, tail(daemonA), tail(daemonB))
                .isZero();
        System.out.println("attempts of the run from " + a.address() + ": "
                + attempts(daemonA.awaitRuns("push-cidr", 2, RUN).get(1)));
        // the CIDR's identity with '*' replaced by the client's IP
        assertSameData(src + "@s1", root + "/net-" + a.address() + "/" + src + "@s1");
        assertThat(daemonB.logSince(markB)).doesNotContain("refused connection from " + a.address() + ":");
    }

    // ------------------------------------------------------------------ link cut mid-stream

    @Test
    @Order(4)
    void aLinkCutMidStreamFailsTheAttemptAndTheNextOneResumesFromTheToken() throws Exception {
        // In the first run over tls the attempt failed on the idle timeout and resumed as over tcp, but the resumed
        // `zfs receive -s` then refused the stream ("kernel modules must be upgraded to receive this stream", OpenZFS
        // 2.3.2; cf. openzfs/zfs#15394). Until that is understood, only tcp runs this in CI (see the issue 11 note).
        Assumptions.assumeTrue(transport instanceof TcpTransport || Boolean.getBoolean("zpt.net.tlsLinkCut"),
                "link cut over tls: opt-in with -Dzpt.net.tlsLinkCut=true until the resumed-receive failure is"
                        + " understood");
        String src = poolA.ds("cut");
        String received = poolB.ds("sink") + "/laptop/" + src;
        // 24 MiB of incompressible data at 2 MiB/s: a cut after 4 MiB lands well inside the stream
        Sh.bash("head -c 25165824 /dev/urandom > " + poolA.mountpoint("cut") + "/big && zfs snapshot " + src + "@s1");
        int markA = daemonA.logMark();

        CompletableFuture<HostDaemon.Cli> run = wakeupAsync(daemonA, "push-cut");
        long recv = ZfsReceives.awaitReading(ZfsReceives::everyProcess, received, 4L << 20, RUN, () -> {
            if (run.isDone()) {
                throw new AssertionError("the run ended before a zfs recv into " + received + " had read 4 MiB: "
                        + run.join());
            }
        });
        System.out.println("cutting the link while zfs recv " + recv + " reads into " + received);
        hosts.cutLink();
        long cutAt = System.nanoTime();
        try {
            // 10 s without a frame (the idle timeout) ends the stream on both sides: the attempt fails with a
            // connectivity error and the receiver keeps the partial state
            String token = awaitResumeToken(received, Duration.ofSeconds(90));
            daemonA.awaitLog(markA, "replication: attempt 1 of " + MAX_ATTEMPTS
                    + " hit a temporary connectivity error", Duration.ofSeconds(60));
            System.out.printf("attempt failed and resume token %s... on the receiver %.1f s after the cut%n",
                    token.substring(0, Math.min(24, token.length())), (System.nanoTime() - cutAt) / 1e9);
            assertThat(run).as("the run waits for its next attempt while the link is down").isNotDone();
        } finally {
            hosts.restoreLink();
        }
        HostDaemon.Cli done = run.get(4, TimeUnit.MINUTES);
        assertThat(done.exit()).as("%s; push log:\n%s\nsink log:\n%s", done, tail(daemonA), tail(daemonB)).isZero();
        assertThat(done.out()).startsWith("job push-cut: invocation finished: 1/1 filesystem(s) replicated");
        assertThat(daemonA.logSince(markA)).as("a later attempt resumed the step")
                .contains("step " + src + " (full) -> @s1 (resumed) started");
        assertThat(zfsGet(received, "receive_resume_token")).isEqualTo("-");
        assertSameData(src + "@s1", received + "@s1");
        Map<String, Object> event = daemonA.awaitRuns("push-cut", 1, RUN).get(0);
        assertThat(event).containsEntry("ok", true);
        List<Map<String, Object>> attempts = attempts(event);
        System.out.println("attempts of the resumed run: " + attempts);
        assertThat(attempts).as("attempts of %s", event).hasSizeGreaterThanOrEqualTo(2);
        assertThat((String) attempts.get(0).get("error")).contains("temporary connectivity error");
    }

    // ------------------------------------------------------------------ helpers

    /** A push of exactly {@code fs} that runs only when woken up and keeps everything; {@code extra}: more keys. */
    private static String pushJob(String name, String fs, String connect, String extra) {
        return """
                  - name: %s
                    type: push
                    connect: %s
                    filesystems: {"%s": true}
                    snapshotting: {type: manual}
                """.formatted(name, connect, fs) + extra + KEEP_ALL;
    }

    /** The link's /30, as a clients-map key. */
    private static String linkCidr(Host h) {
        return h.address().substring(0, h.address().lastIndexOf('.')) + ".0/30";
    }

    private static CompletableFuture<HostDaemon.Cli> wakeupAsync(HostDaemon d, String job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return d.wakeupAndWait(job, START);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The attempts of a push-run or pull-run event. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> event) {
        return (List<Map<String, Object>>) ((Map<String, Object>) event.get("replication")).get("attempts");
    }

    /** Short names of the snapshots of exactly {@code fs}, oldest first. */
    private static List<String> snapshots(String fs) {
        return Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-s", "createtxg", "-d", "1", fs).lines()
                .stream().map(n -> n.substring(n.indexOf('@') + 1)).toList();
    }

    private static String zfsGet(String fs, String property) {
        return Sh.run("zfs", "get", "-H", "-o", "value", property, fs).stdout().strip();
    }

    /** Waits until {@code fs} exists and has a receive resume token; returns it. */
    private static String awaitResumeToken(String fs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Sh.Result r = Sh.exec("zfs", "get", "-H", "-o", "value", "receive_resume_token", fs);
            if (r.ok() && !r.stdout().strip().equals("-")) {
                return r.stdout().strip();
            }
            assertThat(System.nanoTime()).as("a resume token on %s within %s", fs, timeout).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private static String tail(HostDaemon d) {
        String log = d.log();
        return log.length() > 8000 ? log.substring(log.length() - 8000) : log;
    }
}
