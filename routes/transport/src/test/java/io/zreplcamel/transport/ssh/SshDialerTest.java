package io.zreplcamel.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.DataPipeline;
import io.zreplcamel.transport.data.DigestSink;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.data.PatternSource;
import io.zreplcamel.transport.data.StreamOutcome;
import io.zreplcamel.transport.data.StreamReceiver;
import io.zreplcamel.transport.data.StreamSender;
import io.zreplcamel.transport.frame.Hello;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh dialer's process bridge against a fake {@code ssh}: a script that records its arguments and execs the
 * stdinserver relay ({@link StdinserverRelay}) on a local socket, as sshd's forced command would on the remote
 * host. Real streams of our protocol run through it, both directions, into a {@link StdinserverListener}; early
 * failures of ssh reach the dial's error with ssh's stderr. The real OpenSSH path is the platform test
 * ({@code platformtest/.../ssh/SshStdinserverPlatformTest}).
 */
@Timeout(120)
class SshDialerTest {

    private static final long MiB = 1 << 20;
    private static final DataChannelConfig CONFIG = DataChannelConfig.defaults();

    @TempDir
    Path tmp;
    EventLoops loops;
    StdinserverListener listener;
    final List<String> identities = new CopyOnWriteArrayList<>();
    final List<SshDialer> dialers = new CopyOnWriteArrayList<>();
    /** What the serving side does with the next connection. */
    volatile Function<Hello, io.netty.channel.ChannelHandler> serverSide;

    @BeforeEach
    void startListener() throws Exception {
        loops = EventLoops.create(2);
        listener = new StdinserverListener(loops, tmp.resolve("sockdir"), List.of("alice"));
        listener.start((ch, identity) -> {
            identities.add(identity);
            DataPipeline.init(ch, CONFIG, Hello.Role.SERVER, hello -> serverSide.apply(hello),
                    new CompletableFuture<>());
        });
    }

    @AfterEach
    void stop() {
        dialers.forEach(SshDialer::close);
        listener.close();
        loops.close();
    }

    /** A fake ssh: records its arguments and pid, runs {@code body} (a shell snippet) with $SOCK set. */
    Path fakeSsh(String name, String body) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(StdinserverRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path script = tmp.resolve(name);
        Files.writeString(script, """
                #!/bin/sh
                printf '%%s\\n' "$@" > '%1$s.args'
                echo $$ > '%1$s.pid'
                SOCK='%2$s'
                RELAY="exec '%3$s' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '%4$s' %5$s"
                %6$s
                """.formatted(script, listener.socketOf("alice"), java, classes, StdinserverRelay.class.getName(),
                body));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    Path relayingSsh() throws IOException {
        return fakeSsh("ssh", "eval \"$RELAY '$SOCK'\"");
    }

    SshDialer dialer(Path ssh, Duration dialTimeout) {
        SshDialer d = new SshDialer(loops, new SshCommand(ssh.toString(), "backup.example", "zrepl", 2222,
                Path.of("/etc/zrepl/ssh/id"), List.of("Compression=no", "ServerAliveInterval=5")), dialTimeout);
        dialers.add(d);
        return d;
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void pushSeveralMibThroughSshWithTheSameDigestAndTheCommandLineOfZrepl() throws Exception {
        Path ssh = relayingSsh();
        DigestSink sink = new DigestSink();
        CompletableFuture<StreamReceiver> receiver = new CompletableFuture<>();
        serverSide = hello -> {
            StreamReceiver r = new StreamReceiver(CONFIG, sink);
            receiver.complete(r);
            return r;
        };
        StreamSender sender = new StreamSender(CONFIG);

        Channel ch = await(dialer(ssh, Duration.ofSeconds(20)).dial((c, peer) -> DataPipeline.init(c, CONFIG,
                Hello.Role.CLIENT, hello -> sender, new CompletableFuture<>())));
        StreamOutcome sent = sender.send(new PatternSource(12 * MiB, 7));
        StreamOutcome received = await(await(receiver).outcome());

        assertThat(sent.status()).as(sent.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(received.status()).as(received.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(sink.count()).isEqualTo(12 * MiB);
        assertThat(sink.sha256()).isEqualTo(PatternSource.sha256(12 * MiB, 7));
        assertThat(identities).containsExactly("alice");
        assertThat(Files.readAllLines(Path.of(ssh + ".args"))).containsExactly("-p", "2222", "-T", "-i",
                "/etc/zrepl/ssh/id", "-l", "zrepl", "-o", "BatchMode=yes", "-o", "Compression=no", "-o",
                "ServerAliveInterval=5", "backup.example", "zrepl-camel stdinserver");
        ch.closeFuture().await(30, TimeUnit.SECONDS);
        assertThat(ch.isOpen()).isFalse();
        assertProcessEnds(ssh);
    }

    @Test
    void pullSeveralMibThroughSshIntoASlowSinkKeepsBothSidesBounded() throws Exception {
        Path ssh = relayingSsh();
        StreamSender sender = new StreamSender(CONFIG);
        serverSide = hello -> sender;
        DigestSink slow = new DigestSink() {
            @Override
            protected void before(int len) throws IOException {
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        StreamReceiver receiver = new StreamReceiver(CONFIG, slow);

        await(dialer(ssh, Duration.ofSeconds(20)).dial((c, peer) -> DataPipeline.init(c, CONFIG, Hello.Role.CLIENT,
                hello -> receiver, new CompletableFuture<>())));
        // the serving side's sender waits for its handshake; its source is read on this thread
        long size = 24 * MiB;
        StreamOutcome sent = sender.send(new PatternSource(size, 9));
        StreamOutcome received = await(receiver.outcome());

        assertThat(sent.status()).as(sent.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(received.status()).as(received.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(slow.sha256()).isEqualTo(PatternSource.sha256(size, 9));
        // the slow sink paused the bridge's channel, and the pause reached the serving side through ssh and the
        // relay: its channel turned unwritable, so its source was not read ahead
        assertThat(receiver.everPaused()).isTrue();
        assertThat(sender.becameUnwritable()).isTrue();
        assertThat(sender.maxPendingBytes()).isLessThanOrEqualTo(CONFIG.writeHighWaterMark() + CONFIG.chunkSize()
                + 4096); // + frame headers and heartbeats queued with the chunk
        assertProcessEnds(ssh);
    }

    @Test
    void sshFailingBeforeTheConnectionIsUpFailsTheDialWithItsStderr() throws Exception {
        Path ssh = fakeSsh("ssh-refused", """
                echo 'ssh: connect to host backup.example port 2222: Connection refused' >&2
                exit 255""");

        assertThatThrownBy(() -> await(dialer(ssh, Duration.ofSeconds(20)).dial((c, p) -> { })))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(DialException.class)
                .hasMessage("ssh+stdinserver zrepl@backup.example:2222: ssh exited with code 255 before the connection"
                        + " was up: ssh: connect to host backup.example port 2222: Connection refused")
                .satisfies(e -> assertThat(((DialException) e).permanent()).isFalse());
    }

    @Test
    void aRemoteSideWithoutTheSocketFailsTheDialWithTheRelaysMessage() throws Exception {
        Path ssh = fakeSsh("ssh-nosocket", "eval \"$RELAY '$SOCK.missing'\"");

        assertThatThrownBy(() -> await(dialer(ssh, Duration.ofSeconds(20)).dial((c, p) -> { })))
                .cause().isInstanceOf(DialException.class)
                .hasMessageContaining("ssh exited with code 1 before the connection was up: stdinserver: no socket "
                        + listener.socketOf("alice") + ".missing: the zrepl-camel daemon is not running");
    }

    @Test
    void theDialTimeoutKillsAnSshThatHangs() throws Exception {
        Path ssh = fakeSsh("ssh-hangs", "echo 'debug1: Connecting to backup.example' >&2\nexec sleep 60");
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> await(dialer(ssh, Duration.ofMillis(700)).dial((c, p) -> { })))
                .cause().isInstanceOf(DialException.class)
                .hasMessage("ssh+stdinserver zrepl@backup.example:2222: dial_timeout of 700ms exceeded (ssh killed);"
                        + " ssh wrote: debug1: Connecting to backup.example");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertProcessEnds(ssh);
    }

    @Test
    void anSshCommandThatDoesNotExistIsPermanent() {
        SshDialer d = dialer(tmp.resolve("no-such-ssh"), Duration.ofSeconds(5));

        assertThatThrownBy(() -> await(d.dial((c, p) -> { }))).cause().isInstanceOf(DialException.class)
                .hasMessageContaining("cannot run " + tmp.resolve("no-such-ssh"))
                .satisfies(e -> assertThat(((DialException) e).permanent()).isTrue());
    }

    @Test
    void theBridgeSocketsAreGoneOnceConnected() throws Exception {
        Path ssh = relayingSsh();
        DigestSink sink = new DigestSink();
        CompletableFuture<StreamReceiver> receiver = new CompletableFuture<>();
        serverSide = hello -> {
            StreamReceiver r = new StreamReceiver(CONFIG, sink);
            receiver.complete(r);
            return r;
        };
        StreamSender sender = new StreamSender(CONFIG);
        SshDialer d = dialer(ssh, Duration.ofSeconds(20));
        Channel ch = await(d.dial((c, peer) -> DataPipeline.init(c, CONFIG, Hello.Role.CLIENT, hello -> sender,
                new CompletableFuture<>())));

        Path bridgeDir = Path.of(((io.netty.channel.unix.DomainSocketAddress) ch.remoteAddress()).path()).getParent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bridgeDir))).isEqualTo("rwx------");
        try (var left = Files.list(bridgeDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(sender.send(new PatternSource(1000, 1)).status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        await(await(receiver).outcome());
        d.close();
        assertThat(Files.exists(bridgeDir)).isFalse();
    }

    /** The fake ssh (whose pid the script recorded) has exited: no process is left behind per connection. */
    private static void assertProcessEnds(Path ssh) throws Exception {
        long pid = Long.parseLong(Files.readString(Path.of(ssh + ".pid")).strip());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("ssh pid %d still running", pid).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
