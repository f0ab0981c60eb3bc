package io.zreplcamel.platformtest.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.snap.RunningDaemon;
import io.zreplcamel.platformtest.snap.WithDaemonWorkDir;
import io.zreplcamel.platformtest.zfs.TruncatedStream;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.rpc.client.RemoteEndpoint;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.frame.Protocol;
import io.zreplcamel.transport.tcp.TcpDialer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sink daemon serving tcp on loopback, on real OpenZFS, against a client that does not play by the rules: bytes
 * that are not our protocol, the wrong protocol version, an oversized frame, a client IP that is not in the clients
 * map, and — once connected as a listed identity — dataset names that try to leave its client root (into another
 * identity's datasets, absolute, with {@code ..}, {@code @} or {@code #}), destroys outside its root and a truncated
 * stream. Each is refused with an error that says why, the daemon keeps serving the listed client, and the pool's
 * datasets and snapshots are exactly what they were before.
 */
@PlatformTest
class HostilePeerPlatformTest extends WithDaemonWorkDir {

    private static final Protection PROTECTION = new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_INCREMENTAL);

    private TestPool pool;
    private RunningDaemon daemon;
    private EventLoops loops;
    private RemoteEndpoint alice;
    private int port;
    private String sinkRoot;

    @BeforeEach
    void startSink(TestPool pool) throws Exception {
        this.pool = pool;
        sinkRoot = pool.ds("sink");
        // bob's backup, which alice must not read, receive into, or destroy; alice's own received filesystem
        Sh.bash("zfs create " + sinkRoot + " && zfs create -p " + sinkRoot + "/bob/data"
                + " && head -c 262144 /dev/urandom > " + pool.mountpoint("sink/bob/data") + "/f"
                + " && zfs snapshot " + sinkRoot + "/bob/data@s1"
                + " && zfs create " + pool.ds("src")
                + " && head -c 262144 /dev/urandom > " + pool.mountpoint("src") + "/f"
                + " && zfs snapshot " + pool.ds("src") + "@s1").check();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                global:
                  control: {sockpath: "%3$s"}
                jobs:
                  - name: sink
                    type: sink
                    root_fs: "%1$s"
                    serve: {type: tcp, listen: "127.0.0.1:%2$d", clients: {"127.0.0.1": alice}}
                """.formatted(sinkRoot, port, work.resolve("control.sock")));
        daemon = RunningDaemon.start(ConfigLoader.load(config), 200);
        awaitListening();
        loops = EventLoops.create(1);
        alice = new RemoteEndpoint("hostile", new TcpDialer(loops, "127.0.0.1", port, Duration.ofSeconds(5)),
                DataChannelConfig.defaults(), Duration.ofSeconds(60));
    }

    @AfterEach
    void stopSink() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (loops != null) {
            loops.close();
        }
        if (daemon != null) {
            daemon.stop();
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the sink did not listen on 127.0.0.1:" + port + " within 60 s");
    }

    private List<String> everything() {
        return Sh.run("zfs", "list", "-H", "-r", "-t", "all", "-o", "name,guid", pool.name()).check().lines();
    }

    // ------------------------------------------------------------------ the wire

    /** Writes {@code bytes}, then reads until the daemon closes; returns what it sent back. */
    private static byte[] sendAndReadUntilClosed(InetAddress from, int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            try {
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
            } catch (IOException closedWhileWriting) {
                return new byte[0];
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the daemon kept the hostile connection open for 20 s", e);
            } catch (IOException reset) {
                // a reset is a close too
            }
            return got.toByteArray();
        }
    }

    private static byte[] hello(int version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write("ZRCWIRE\0".getBytes(StandardCharsets.US_ASCII));
        byte[] id = "hostile".getBytes(StandardCharsets.US_ASCII);
        d.writeByte(0x01);
        d.writeInt(4 + id.length);
        d.writeShort(version);
        d.writeByte(1); // client
        d.writeByte(id.length);
        d.write(id);
        return out.toByteArray();
    }

    @Test
    void bytesThatAreNotOurProtocolAreClosedAndTheDaemonKeepsServing() throws Exception {
        List<String> before = everything();
        InetAddress lo = InetAddress.getByName("127.0.0.1");

        sendAndReadUntilClosed(lo, port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        sendAndReadUntilClosed(lo, port, garbage);

        byte[] reply = sendAndReadUntilClosed(lo, port, hello(Protocol.VERSION + 41));
        assertThat(new String(reply, 0, Math.min(8, reply.length), StandardCharsets.US_ASCII))
                .as("the daemon answers a wrong version with its own HELLO (so the peer can report both)")
                .isEqualTo("ZRCWIRE\0");

        ByteArrayOutputStream oversized = new ByteArrayOutputStream();
        oversized.write(hello(Protocol.VERSION));
        new DataOutputStream(oversized).writeByte(0x20); // DATA
        new DataOutputStream(oversized).writeInt(0x7fff_ffff);
        oversized.write(new byte[1024]);
        sendAndReadUntilClosed(lo, port, oversized.toByteArray());

        // 127.0.0.2 is loopback too, but not in the clients map
        byte[] unknown = sendAndReadUntilClosed(InetAddress.getByName("127.0.0.2"), port, hello(Protocol.VERSION));
        assertThat(unknown).as("nothing is said to a client that is not in the clients map").isEmpty();

        assertThat(alice.ping("still there?")).isEqualTo("still there?");
        assertThat(alice.listFilesystems()).as("alice has received nothing yet").isEmpty();
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void namesOutsideTheClientRootAreRefusedAndNothingChanges() throws Exception {
        List<String> before = everything();
        FilesystemVersion bobs = versionOf(sinkRoot + "/bob/data", "s1");

        for (String path : List.of("../bob/data", "/" + sinkRoot + "/bob/data", "data/../../bob/data", "data@s1",
                "data#b", "", "a//b")) {
            assertThatThrownBy(() -> alice.listVersions(List.of(path))).as("list versions of '%s'", path)
                    .hasMessageContaining(path.isEmpty() ? "empty" : path);
            DestroyOutcome destroyed = null;
            try {
                destroyed = alice.destroySnapshots(path, List.of(bobs));
            } catch (RuntimeException refused) {
                assertThat(refused.getMessage()).as("destroy in '%s'", path).isNotBlank();
            }
            if (destroyed != null) {
                assertThat(destroyed.destroyed()).as("destroy in '%s'", path).isEmpty();
            }
            assertThatThrownBy(() -> receive(path, pool.ds("src") + "@s1", Long.MAX_VALUE, false))
                    .as("receive into '%s'", path).isInstanceOf(RuntimeException.class);
        }
        assertThat(alice.listFilesystems()).extracting(EndpointFilesystem::path)
                .as("bob's datasets are not alice's").isEmpty();
        assertThat(alice.listVersions(List.of("bob/data")).getOrDefault("bob/data", List.of()))
                .as("'bob/data' for alice is <root>/alice/bob/data, which does not exist").isEmpty();
        assertThat(everything()).as("no dataset, snapshot or bookmark changed").isEqualTo(before);
        assertThat(alice.ping("ok")).isEqualTo("ok");
    }

    @Test
    void aTruncatedStreamFailsTheReceiveLeavingOnlyResumableState() throws Exception {
        long full = Long.parseLong(Sh.run("zfs", "send", "-nvP", pool.ds("src") + "@s1").check().lines().stream()
                .filter(l -> l.startsWith("size")).findFirst().orElseThrow().split("\\s+")[1]);

        assertThatThrownBy(() -> receive("data", pool.ds("src") + "@s1", full / 2, false))
                .isInstanceOf(RuntimeException.class);

        assertThat(Sh.run("zfs", "list", "-H", "-r", "-t", "snapshot", "-o", "name", sinkRoot).check().lines())
                .as("no snapshot of a half stream").containsExactly(sinkRoot + "/bob/data@s1");
        assertThat(alice.listFilesystems()).singleElement().satisfies(fs -> {
            assertThat(fs.path()).isEqualTo("data");
            assertThat(fs.resumeToken()).as("the half stream is kept resumable (receive -s)").isPresent();
        });
        // the engine's choice when the sender does not use the token: discard the partial state, receive whole
        receive("data", pool.ds("src") + "@s1", Long.MAX_VALUE, true);
        assertThat(Sh.run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", sinkRoot + "/alice/data").check()
                .lines()).containsExactly(sinkRoot + "/alice/data@s1");
    }

    private FilesystemVersion versionOf(String fs, String snap) {
        String[] f = Sh.run("zfs", "list", "-Hp", "-t", "snapshot", "-o", "guid,createtxg,creation", fs + "@" + snap)
                .check().lines().get(0).split("\t");
        return FilesystemVersion.snapshot(snap, Long.parseUnsignedLong(f[0]), Long.parseLong(f[1]),
                Instant.ofEpochSecond(Long.parseLong(f[2])));
    }

    /** Pushes {@code zfs send <snapshot>} (at most {@code limit} bytes of it) to alice's {@code path}. */
    private void receive(String path, String snapshot, long limit, boolean clearResumeToken) throws Exception {
        FilesystemVersion to = versionOf(snapshot.substring(0, snapshot.indexOf('@')),
                snapshot.substring(snapshot.indexOf('@') + 1));
        Process send = new ProcessBuilder("zfs", "send", snapshot).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (InputStream out = send.getInputStream(); InputStream stream = new TruncatedStream(out, limit)) {
            alice.receive(new ReceiveStep(path, to, clearResumeToken, PROTECTION), stream);
        } finally {
            send.destroy();
            send.waitFor();
        }
    }
}
