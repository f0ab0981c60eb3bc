package io.zreplcamel.platformtest.net;

import static io.zreplcamel.platformtest.replication.ReceivedData.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replication between two daemons on two hosts ({@link TwoHosts}: network namespaces sharing the guest's ZFS), each
 * with its own pool, over a network transport: push into a sink, pull from a source (full, then incremental), a link
 * cut in the middle of a stream (the run's next attempt resumes from the receiver's resume token), and a client whose
 * IP the sink does not know. The first three run for every transport of {@link #transports()}; the refusal is about
 * the tcp clients map (client IPs and CIDRs).
 */
@PlatformTest
class TcpReplicationPlatformTest {

    private static final int PORT = 8888;
    /** A JVM start under TCG takes 10-30 s; two start at once. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final String KEEP_ALL = """
                pruning:
                  keep_sender: [{type: not_replicated}, {type: regex, regex: ".*"}]
                  keep_receiver: [{type: regex, regex: ".*"}]
            """;

    /** The transports the parameterised tests run over; tls and ssh+stdinserver go here when they are wired. */
    static Stream<PeerTransport> transports() {
        return Stream.of(new TcpTransport());
    }

    private Path dir;
    private TwoHosts hosts;

    @BeforeEach
    void createHosts() throws IOException {
        dir = DaemonWorkDir.create("tcpreplication-");
        hosts = TwoHosts.create();
    }

    /** Before the pools are destroyed (the pool extension's cleanup runs after this): the daemons must be gone. */
    @AfterEach
    void removeHosts() throws IOException {
        try {
            hosts.close();
        } finally {
            DaemonWorkDir.delete(dir);
        }
    }

    // ------------------------------------------------------------------ push -> sink

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pushReplicatesIntoTheSinkOnTheOtherHostFullThenIncremental(PeerTransport transport, TestPool poolA,
            TestPool poolB) throws Exception {
        Host a = hosts.a();
        Host b = hosts.b();
        transport.prepare(hosts, dir);
        String src = poolA.ds("src");
        String sinkRoot = poolB.ds("sink");
        poolA.zfs("create", src);
        poolB.zfs("create", sinkRoot);
        Trees.writeRandomFiles(poolA.mountpoint("src"), 1, 8, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");

        HostDaemon sink = b.startDaemon(workDir("b"), sinkJob(sinkRoot, transport.serve(b, PORT,
                Map.of(a, "laptop"))));
        HostDaemon push = a.startDaemon(workDir("a"), pushJob(src, transport.connect(a, b, PORT), ""));
        sink.awaitListening(PORT, START);

        HostDaemon.Cli first = push.wakeupAndWait("push", START);
        assertThat(first.exit()).as("%s; push log:\n%s\nsink log:\n%s", first, tail(push), tail(sink)).isZero();
        assertThat(first.out()).startsWith("job push: invocation finished: 1/1 filesystem(s) replicated");
        String received = sinkRoot + "/laptop/" + src;
        assertSameData(src + "@s1", received + "@s1");

        Trees.writeRandomFiles(poolA.mountpoint("src"), 2, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s2");
        HostDaemon.Cli second = push.wakeupAndWait("push", START);
        assertThat(second.exit()).as("%s; push log:\n%s", second, tail(push)).isZero();
        assertThat(snapshots(received)).containsExactly("s1", "s2");
        assertSameData(src + "@s2", received + "@s2");
        assertThat(push.log()).contains("step " + src + " (full) -> @s1 started")
                .contains("step " + src + " @s1 -> @s2 started");
        assertThat(push.awaitEvents(2, Duration.ofSeconds(30))).hasSize(2).allSatisfy(e -> assertThat(e)
                .containsEntry("type", "push-run").containsEntry("job", "push").containsEntry("ok", true));
    }

    // ------------------------------------------------------------------ pull <- source

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pullReplicatesFromTheSourceOnTheOtherHostFullThenIncremental(PeerTransport transport, TestPool poolA,
            TestPool poolB) throws Exception {
        Host a = hosts.a();
        Host b = hosts.b();
        transport.prepare(hosts, dir);
        String src = poolA.ds("src");
        String pullRoot = poolB.ds("pulled");
        poolA.zfs("create", src);
        poolB.zfs("create", pullRoot);
        Trees.writeRandomFiles(poolA.mountpoint("src"), 3, 8, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");

        HostDaemon source = a.startDaemon(workDir("a"), """
                jobs:
                  - name: source
                    type: source
                    serve: %s
                    filesystems: {"%s": true}
                    snapshotting: {type: manual}
                """.formatted(transport.serve(a, PORT, Map.of(b, "backupserver")), src));
        HostDaemon pull = b.startDaemon(workDir("b"), """
                jobs:
                  - name: pull
                    type: pull
                    connect: %s
                    root_fs: "%s"
                    interval: manual
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(transport.connect(b, a, PORT), pullRoot) + KEEP_ALL);
        source.awaitListening(PORT, START);

        HostDaemon.Cli first = pull.wakeupAndWait("pull", START);
        assertThat(first.exit()).as("%s; pull log:\n%s\nsource log:\n%s", first, tail(pull), tail(source)).isZero();
        assertThat(first.out()).startsWith("job pull: invocation finished: 1/1 filesystem(s) replicated");
        String received = pullRoot + "/" + src;
        assertSameData(src + "@s1", received + "@s1");

        Trees.writeRandomFiles(poolA.mountpoint("src"), 4, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s2");
        HostDaemon.Cli second = pull.wakeupAndWait("pull", START);
        assertThat(second.exit()).as("%s; pull log:\n%s", second, tail(pull)).isZero();
        assertThat(snapshots(received)).containsExactly("s1", "s2");
        assertSameData(src + "@s2", received + "@s2");
        assertThat(pull.log()).contains("step " + src + " @s1 -> @s2 started");
        assertThat(pull.awaitEvents(2, Duration.ofSeconds(30))).hasSize(2).allSatisfy(e -> assertThat(e)
                .containsEntry("type", "pull-run").containsEntry("job", "pull").containsEntry("ok", true));
        // the source's step holds and its cursor: the source job, not the pull job, keeps them on its side
        assertThat(poolA.zfs("list", "-H", "-o", "name", "-t", "bookmark", src).lines())
                .anyMatch(bm -> bm.startsWith(src + "#zrepl_CURSOR_G_") && bm.endsWith("_J_source"));
    }

    // ------------------------------------------------------------------ link cut mid-stream

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aLinkCutMidStreamFailsTheAttemptAndTheNextOneResumesFromTheToken(PeerTransport transport, TestPool poolA,
            TestPool poolB) throws Exception {
        Host a = hosts.a();
        Host b = hosts.b();
        transport.prepare(hosts, dir);
        String src = poolA.ds("src");
        String sinkRoot = poolB.ds("sink");
        String received = sinkRoot + "/laptop/" + src;
        // 24 MiB of incompressible data at 2 MiB/s: the cut after 4 MiB lands well inside the stream
        Sh.bash("zfs create -o compression=off " + src + " && zfs create " + sinkRoot + " && head -c 25165824"
                + " /dev/urandom > " + poolA.mountpoint("src") + "/big && zfs snapshot " + src + "@s1");

        HostDaemon sink = b.startDaemon(workDir("b"), sinkJob(sinkRoot, transport.serve(b, PORT,
                Map.of(a, "laptop"))));
        // attempts after the failed one come every 2 s, enough of them to outlast the cut
        HostDaemon push = a.startDaemon(workDir("a"), pushJob(src, transport.connect(a, b, PORT),
                "    send: {bandwidth_limit: {max: 2 MiB}}\n"),
                Map.of("ZREPL_REPLICATION_RECONNECT_INTERVAL", "2s", "ZREPL_REPLICATION_MAX_ATTEMPTS", "15"));
        sink.awaitListening(PORT, START);

        CompletableFuture<HostDaemon.Cli> run = CompletableFuture.supplyAsync(() -> {
            try {
                return push.wakeupAndWait("push", START);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        long recv = ZfsReceives.awaitReading(received, 4L << 20, START, run);
        System.out.println("cutting the link while zfs recv " + recv + " reads into " + received);
        hosts.cutLink();
        long cutAt = System.nanoTime();
        String token;
        try {
            // the idle timeout (10 s without a frame) ends the stream on both sides: the attempt fails with a
            // connectivity error and the receiver keeps the partial state
            token = awaitResumeToken(received, Duration.ofSeconds(90));
            awaitLog(push, "replication: attempt 1 of 15 hit a temporary connectivity error", Duration.ofSeconds(60));
            System.out.printf("step failed and token %s... seen %.1f s after the cut%n",
                    token.substring(0, Math.min(24, token.length())), (System.nanoTime() - cutAt) / 1e9);
            assertThat(run).as("the run waits for its next attempt while the link is down").isNotDone();
        } finally {
            hosts.restoreLink();
        }
        HostDaemon.Cli done = run.get(4, TimeUnit.MINUTES);
        assertThat(done.exit()).as("%s; push log:\n%s\nsink log:\n%s", done, tail(push), tail(sink)).isZero();
        assertThat(done.out()).startsWith("job push: invocation finished: 1/1 filesystem(s) replicated");
        assertThat(push.log()).as("a later attempt resumed the step")
                .contains("step " + src + " (full) -> @s1 (resumed) started");
        assertThat(zfsGet(received, "receive_resume_token")).isEqualTo("-");
        assertSameData(src + "@s1", received + "@s1");
        Map<String, Object> event = push.awaitEvents(1, Duration.ofSeconds(30)).get(0);
        assertThat(event).containsEntry("ok", true);
        List<Map<String, Object>> attempts = attempts(event);
        System.out.println("attempts of the resumed run: " + attempts);
        assertThat(attempts).as("attempts of %s", event).hasSizeGreaterThanOrEqualTo(2);
        assertThat((String) attempts.get(0).get("error")).contains("temporary connectivity error");
    }

    // ------------------------------------------------------------------ unknown client IP

    @Test
    void aClientIpNotInTheClientsMapIsRefusedAndTheSinkStillServesListedClients(TestPool poolA, TestPool poolB)
            throws Exception {
        Host a = hosts.a();
        Host b = hosts.b();
        TcpTransport tcp = new TcpTransport();
        String src = poolA.ds("src");
        String sinkRoot = poolB.ds("sink");
        poolA.zfs("create", src);
        poolB.zfs("create", sinkRoot);
        Trees.writeRandomFiles(poolA.mountpoint("src"), 5, 4, 256 * 1024);
        poolA.zfs("snapshot", src + "@s1");
        // the link's /30 as a CIDR key: A's own address is in it, its second address (.5) is not
        String net = a.address().substring(0, a.address().lastIndexOf('.')) + ".0/30";
        String unlisted = hosts.dialFromSecondAddress(a);

        HostDaemon sink = b.startDaemon(workDir("b"), sinkJob(sinkRoot, tcp.serve(PORT, Map.of(net, "net-*"))));
        HostDaemon push = a.startDaemon(workDir("a"), pushJob(src, tcp.connect(a, b, PORT), ""),
                Map.of("ZREPL_REPLICATION_RECONNECT_INTERVAL", "1s", "ZREPL_REPLICATION_MAX_ATTEMPTS", "2"));
        sink.awaitListening(PORT, START);

        HostDaemon.Cli refused = push.wakeupAndWait("push", START);
        System.out.println("push from " + unlisted + ": " + refused);
        assertThat(refused.exit()).as("%s; push log:\n%s", refused, tail(push)).isEqualTo(1);
        // the peer closed the connection at once: no listing, so no filesystem is even counted
        assertThat(refused.err()).startsWith("job push: invocation finished with errors: 0/0 filesystem(s)");
        Map<String, Object> failedRun = push.awaitEvents(1, Duration.ofSeconds(30)).get(0);
        System.out.println("refused run: " + failedRun.get("replication"));
        assertThat(failedRun).containsEntry("ok", false);
        assertThat(attempts(failedRun)).first().extracting(at -> (String) at.get("error")).asString()
                .contains("connection to " + b.address()).contains("closed during the handshake");
        assertThat(sink.log().lines().filter(l -> l.contains(" WARN ")
                && l.contains("refused connection from " + unlisted + ": client IP not in the clients map")))
                .as("the sink's WARN naming %s; sink log:\n%s", unlisted, tail(sink)).isNotEmpty();
        assertThat(poolB.zfs("list", "-H", "-o", "name", "-r", sinkRoot).lines()).as("nothing received")
                .containsExactly(sinkRoot);

        hosts.dialFromPrimaryAddress(a);
        HostDaemon.Cli served = push.wakeupAndWait("push", START);
        assertThat(served.exit()).as("%s; push log:\n%s\nsink log:\n%s", served, tail(push), tail(sink)).isZero();
        // the CIDR's identity with '*' replaced by the client's IP
        String received = sinkRoot + "/net-" + a.address() + "/" + src;
        assertSameData(src + "@s1", received + "@s1");
        assertThat(sink.log()).doesNotContain("refused connection from " + a.address() + ":");
    }

    // ------------------------------------------------------------------ helpers

    private Path workDir(String host) throws IOException {
        return Files.createDirectories(dir.resolve(host));
    }

    private static String sinkJob(String rootFs, String serve) {
        return """
                jobs:
                  - name: sink
                    type: sink
                    root_fs: "%s"
                    serve: %s
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(rootFs, serve);
    }

    /** A push of exactly {@code fs} that runs only when woken up and keeps everything; {@code extra}: more keys. */
    private static String pushJob(String fs, String connect, String extra) {
        return """
                jobs:
                  - name: push
                    type: push
                    connect: %s
                    filesystems: {"%s": true}
                    snapshotting: {type: manual}
                """.formatted(connect, fs) + extra + KEEP_ALL;
    }

    /** Short names of the snapshots of exactly {@code fs}, oldest first. */
    private static List<String> snapshots(String fs) {
        return Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-s", "createtxg", "-d", "1", fs).lines()
                .stream().map(n -> n.substring(n.indexOf('@') + 1)).toList();
    }

    /** The attempts of a push-run or pull-run event. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> event) {
        return (List<Map<String, Object>>) ((Map<String, Object>) event.get("replication")).get("attempts");
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

    private static void awaitLog(HostDaemon d, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!d.log().contains(text)) {
            assertThat(System.nanoTime()).as("\"%s\" in the log of %s:\n%s", text, d, tail(d)).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String tail(HostDaemon d) {
        String log = d.log();
        return log.length() > 8000 ? log.substring(log.length() - 8000) : log;
    }
}
