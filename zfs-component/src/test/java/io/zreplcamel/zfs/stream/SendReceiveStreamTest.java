package io.zreplcamel.zfs.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.CommandTimeoutException;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.DestinationModifiedException;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control flow of send streams and the receive pump with a scripted zfs: which process dies, which error wins, and
 * that nothing is left running. The fake {@code zfs send} writes {@code $SEND_BYTES} pseudo-random bytes (or an
 * endless stream), then exits with {@code $SEND_EXIT}; the fake {@code zfs receive} stores what it reads.
 */
@Timeout(60)
class SendReceiveStreamTest {

    @TempDir
    Path dir;
    Path received;
    Path sendPid;
    Path recvPid;

    @BeforeEach
    void paths() {
        received = dir.resolve("received");
        sendPid = dir.resolve("send.pid");
        recvPid = dir.resolve("recv.pid");
    }

    private Zfs zfs(String sendBody, String recvBody) throws IOException {
        Path script = FakeZfs.script(dir, "zfs", "case \"$1\" in\n"
                + "send) echo $$ > '" + sendPid + "'\n" + sendBody + "\n;;\n"
                + "receive) echo $$ > '" + recvPid + "'\n" + recvBody + "\n;;\n"
                + "esac");
        return new Zfs(RunnerSettings.defaults().withZfsBinary(script.toString()));
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static final ReceiveRequest PUMPED = ReceiveRequest.into("q/f").withDirectPipe(false);
    static final ReceiveRequest DIRECT = ReceiveRequest.into("q/f");

    @Test
    void sendToReceiveCopiesEveryByte() throws Exception {
        Path source = dir.resolve("source");
        byte[] data = new byte[12 * 1024 * 1024 + 17];
        new java.util.Random(4).nextBytes(data);
        Files.write(source, data);
        Zfs zfs = zfs("cat '" + source + "'", "cat > '" + received + "'");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        ReceiveResult r = zfs.receive(ReceiveRequest.into("q/f").withResumable(true).withDirectPipe(false), stream);
        assertThat(r.bytes()).isEqualTo(data.length);
        assertThat(sha(Files.readAllBytes(received))).isEqualTo(sha(data));
        assertThat(stream.completed()).isTrue();
        assertThat(stream.bytesRead()).isEqualTo(data.length);
        assertThat(zfs.runner().activeCount()).isZero();
    }

    @Test
    void failingSendKillsReceiveAndReportsTheSendError() throws Exception {
        Zfs zfs = zfs("head -c 1000000 /dev/urandom; echo \"cannot open 'p/f@s': dataset does not exist\" >&2; "
                + "exit 1", "exec cat > /dev/null");
        assertThatThrownBy(() -> zfs.receive(PUMPED, zfs.send(SendRequest.full("p/f@s"))))
                .isInstanceOfSatisfying(DatasetNotFoundException.class, e -> {
                    assertThat(e.dataset()).isEqualTo("p/f@s");
                    assertThat(e.command()).contains("send");
                });
        assertThat(FakeZfs.gone(FakeZfs.readPid(recvPid))).as("receive killed").isTrue();
    }

    @Test
    void failingReceiveKillsABlockedSendAndReportsTheReceiveError() throws Exception {
        // The sender has far more to write than the pipe holds; once the receiver is gone it blocks forever
        // unless it is killed.
        Zfs zfs = zfs("exec cat /dev/zero",
                "head -c 100000 > /dev/null; echo 'cannot receive incremental stream: destination q/f has been "
                        + "modified' >&2; echo 'since most recent snapshot' >&2; exit 1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> zfs.receive(PUMPED, zfs.send(SendRequest.full("p/f@s"))))
                .isInstanceOfSatisfying(DestinationModifiedException.class,
                        e -> assertThat(e.dataset()).isEqualTo("q/f"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(FakeZfs.gone(FakeZfs.readPid(sendPid))).as("send killed").isTrue();
        assertThat(zfs.runner().activeCount()).isZero();
    }

    @Test
    void receiveThatDiesWhileTheSenderIsSilentDoesNotWaitForTheSender() throws Exception {
        Zfs zfs = zfs("sleep 50; echo late",
                "printf 'cannot receive incremental stream: destination q/f has been modified\\nsince most recent "
                        + "snapshot\\n' >&2; exit 1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> zfs.receive(PUMPED, zfs.send(SendRequest.full("p/f@s"))))
                .isInstanceOf(DestinationModifiedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(FakeZfs.gone(FakeZfs.readPid(sendPid))).isTrue();
    }

    @Test
    void receiveFromAPlainStreamReportsTheReceiveError() throws Exception {
        Zfs zfs = zfs("exit 0", "cat > /dev/null; echo 'cannot receive: failed to read from stream' >&2; exit 1");
        assertThatThrownBy(() -> zfs.receive(ReceiveRequest.into("q/f"), new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(io.zreplcamel.zfs.error.StreamReadException.class);
    }

    @Test
    void brokenSourceStreamKillsReceive() throws Exception {
        Zfs zfs = zfs("exit 0", "exec cat > /dev/null");
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset by peer");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> zfs.receive(ReceiveRequest.into("q/f"), broken))
                .isInstanceOf(ZfsException.class)
                .hasMessageContaining("connection reset by peer");
        for (int i = 0; i < 100 && zfs.runner().activeCount() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(zfs.runner().activeCount()).as("receive killed").isZero();
    }

    @Test
    void closingASendStreamEarlyKillsTheBlockedSender() throws Exception {
        Zfs zfs = zfs("exec cat /dev/zero", "exit 0");
        ZfsSendStream s = zfs.send(SendRequest.full("p/f@s"));
        assertThat(s.readNBytes(1000)).hasSize(1000);
        long pid = FakeZfs.readPid(sendPid);
        s.close();
        assertThat(FakeZfs.gone(pid)).isTrue();
        assertThat(s.failure()).isEmpty();
        s.close(); // idempotent
        assertThatThrownBy(() -> s.read()).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void readingToTheEndThenClosingIsClean() throws Exception {
        Zfs zfs = zfs("printf abc", "exit 0");
        ZfsSendStream s = zfs.send(SendRequest.full("p/f@s"));
        assertThat(s.readAllBytes()).containsExactly('a', 'b', 'c');
        assertThat(s.read()).isEqualTo(-1);
        assertThat(s.completed()).isTrue();
        s.close();
        s.close();
    }

    @Test
    void sendFailureSurfacesAtTheEndOfTheStream() throws Exception {
        Zfs zfs = zfs("printf abc; echo \"cannot open 'p/f@s': dataset does not exist\" >&2; exit 1", "exit 0");
        ZfsSendStream s = zfs.send(SendRequest.full("p/f@s"));
        assertThat(s.readNBytes(3)).hasSize(3);
        assertThatThrownBy(s::read).isInstanceOfSatisfying(ZfsStreamException.class,
                e -> assertThat(e.zfsFailure()).isInstanceOf(DatasetNotFoundException.class));
        assertThatThrownBy(s::read).isInstanceOf(ZfsStreamException.class);
        assertThat(s.failure()).isPresent();
    }

    @Test
    void sendTimeoutKillsItAndSaysSo() throws Exception {
        Zfs zfs = zfs("exec sleep 50", "exit 0");
        ZfsSendStream s = zfs.send(SendRequest.full("p/f@s"), Duration.ofMillis(300));
        assertThatThrownBy(s::readAllBytes).isInstanceOfSatisfying(ZfsStreamException.class,
                e -> assertThat(e.zfsFailure()).isInstanceOf(CommandTimeoutException.class));
    }

    @Test
    void directPipeConnectsTheProcessesWithoutTheJvm() throws Exception {
        Path source = dir.resolve("source");
        byte[] data = new byte[6 * 1024 * 1024 + 5];
        new java.util.Random(9).nextBytes(data);
        Files.write(source, data);
        // the sender waits a little so the hand-off happens while it runs, as with any real stream
        Zfs zfs = zfs("sleep 0.3; exec cat '" + source + "'", "exec cat > '" + received + "'");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        ReceiveResult r = zfs.receive(DIRECT, stream);
        assertThat(r.bytes()).as("nothing was copied by the JVM").isEqualTo(ReceiveResult.UNKNOWN_BYTES);
        assertThat(sha(Files.readAllBytes(received))).isEqualTo(sha(data));
        assertThat(stream.completed()).isTrue();
        assertThat(stream.bytesRead()).isZero();
        assertThat(zfs.runner().activeCount()).isZero();
    }

    @Test
    void directPipeReportsTheSendersOwnFailureAndKillsTheReceiver() throws Exception {
        Zfs zfs = zfs("sleep 0.3; head -c 300000 /dev/urandom; "
                + "echo \"cannot open 'p/f@s': dataset does not exist\" >&2; exit 1",
                "cat > /dev/null; sleep 50");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> zfs.receive(DIRECT, stream)).isInstanceOf(DatasetNotFoundException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(FakeZfs.gone(FakeZfs.readPid(recvPid))).isTrue();
        assertThat(stream.failure()).isPresent();
    }

    @Test
    void directPipeReportsTheReceiversFailureNotTheSendersBrokenPipe() throws Exception {
        // the endless sender dies of SIGPIPE (or is killed) once the receiver is gone: the receiver's error wins
        Zfs zfs = zfs("sleep 0.3; exec cat /dev/zero",
                "head -c 100000 > /dev/null; printf 'cannot receive incremental stream: destination q/f has been "
                        + "modified\\nsince most recent snapshot\\n' >&2; exit 1");
        assertThatThrownBy(() -> zfs.receive(DIRECT, zfs.send(SendRequest.full("p/f@s"))))
                .isInstanceOf(DestinationModifiedException.class);
        assertThat(FakeZfs.gone(FakeZfs.readPid(sendPid))).isTrue();
    }

    @Test
    void aSenderThatAlreadyExitedIsReadByTheJvmInstead() throws Exception {
        Zfs zfs = zfs("printf abc", "cat > '" + received + "'");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        stream.process().waitFor();
        ReceiveResult r = zfs.receive(DIRECT, stream);
        assertThat(r.bytes()).isEqualTo(3);
        assertThat(Files.readString(received)).isEqualTo("abc");
    }

    @Test
    void aHandOffThatCannotStartLosesNoBytes() throws Exception {
        // the sender writes and exits while the stream is handed off (its own pipe stream already closed, so the
        // JDK cannot drain it): reading on from our own reader gets every byte and the exit status
        Zfs zfs = zfs("sleep 0.3; printf abcdef", "exit 0");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        assertThat(stream.handOff()).isPresent();
        stream.process().waitFor();
        stream.cancelHandOff();
        assertThat(new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(stream.completed()).isTrue();
    }

    @Test
    void aStreamThatWasReadFromIsNeverHandedOff() throws Exception {
        Zfs zfs = zfs("sleep 0.3; printf abcdef", "cat > '" + received + "'");
        ZfsSendStream stream = zfs.send(SendRequest.full("p/f@s"));
        assertThat(stream.read()).isEqualTo('a');
        ReceiveResult r = zfs.receive(DIRECT, stream);
        assertThat(r.bytes()).isEqualTo(5);
        assertThat(Files.readString(received)).isEqualTo("bcdef");
    }

    @Test
    void sendArgumentsFollowZreplOrder() throws Exception {
        Path log = dir.resolve("args");
        Zfs zfs = zfs(FakeZfs.logArgs(log), "exit 0");
        zfs.send(SendRequest.incremental("#bm", "p/f@b").withRaw(true).withProperties(true).withBackupProperties(true)
                .withLargeBlocks(true).withCompressed(true).withEmbedded(true)).readAllBytes();
        zfs.send(SendRequest.resume("1-abc-10-789c")).readAllBytes();
        assertThat(Files.readAllLines(log)).containsExactly(
                String.join("\u001f", "send", "-w", "-p", "-b", "-L", "-c", "-e", "-i", "p/f#bm", "--", "p/f@b") + "\u001f",
                String.join("\u001f", "send", "-t", "1-abc-10-789c") + "\u001f");
    }
}
