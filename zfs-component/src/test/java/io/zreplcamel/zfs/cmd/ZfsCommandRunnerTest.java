package io.zreplcamel.zfs.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.error.CommandCancelledException;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.CommandTimeoutException;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.IncompleteOutputException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ZfsCommandRunnerTest {

    @TempDir
    Path dir;

    private ZfsCommandRunner runner(Path zfs) {
        return new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withDefaultTimeout(Duration.ofSeconds(20)));
    }

    @Test
    void capturesStdoutStderrExitCodeAndSetsCLocale() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "echo \"out $LC_ALL $*\"; echo err >&2; exit 0");
        CommandResult r = runner(zfs).run(Command.zfs("list", "-H", "p/a b"));
        assertThat(r.stdoutLines()).containsExactly("out C list -H p/a b");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.argv()).containsExactly(zfs.toString(), "list", "-H", "p/a b");
    }

    @Test
    void nonZeroExitBecomesTypedErrorWithCommandExitCodeAndStderr() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "echo \"cannot open 'p/x': dataset does not exist\" >&2; exit 1");
        assertThatThrownBy(() -> runner(zfs).run(Command.zfs("list", "p/x")))
                .isInstanceOfSatisfying(DatasetNotFoundException.class, e -> {
                    assertThat(e.dataset()).isEqualTo("p/x");
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.command()).containsExactly(zfs.toString(), "list", "p/x");
                    assertThat(e.stderr()).contains("dataset does not exist");
                });
        CommandResult r = runner(zfs).runAllowingFailure(Command.zfs("list", "p/x"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void timeoutKillsTheProcessAndItsChildren() throws Exception {
        Path pids = dir.resolve("pids");
        // The child sleep runs in the background so that killing only the shell would leave it behind.
        Path zfs = FakeZfs.script(dir, "zfs", "sleep 60 & echo $! > '" + pids + "'; wait");
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner(zfs).run(Command.zfs("list").withTimeout(Duration.ofMillis(500))))
                .isInstanceOfSatisfying(CommandTimeoutException.class,
                        e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(500)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long child = FakeZfs.readPid(pids);
        assertThat(FakeZfs.gone(child)).as("background child killed").isTrue();
    }

    @Test
    void interruptingTheCallerKillsTheProcess() throws Exception {
        Path pid = dir.resolve("pid");
        Path zfs = FakeZfs.script(dir, "zfs", "echo $$ > '" + pid + "'; exec sleep 60");
        ZfsCommandRunner runner = runner(zfs);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(Command.zfs("list"));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long p = FakeZfs.readPid(pid);
        t.interrupt();
        t.join(10_000);
        assertThat(thrown.get()).isInstanceOf(CommandCancelledException.class)
                .hasMessageContaining("calling thread interrupted");
        assertThat(FakeZfs.gone(p)).isTrue();
    }

    @Test
    void closingTheRunnerKillsRunningStreamsAndRefusesNewOnes() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "exec sleep 60");
        ZfsCommandRunner runner = runner(zfs);
        RunningCommand rc = runner.startStream(Command.zfs("send", "p/f@s"));
        assertThat(runner.activeCount()).isEqualTo(1);
        runner.close();
        assertThat(rc.waitFor(Duration.ofSeconds(5))).isTrue();
        assertThat(rc.failure(rc.exitCode())).isInstanceOf(CommandCancelledException.class);
        assertThatThrownBy(() -> runner.run(Command.zfs("list"))).isInstanceOf(CommandCancelledException.class);
    }

    @Test
    void stderrIsBoundedKeepingHeadAndTail() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs",
                "echo FIRST >&2; head -c 5000000 /dev/zero | tr '\\0' 'x' >&2; echo; echo LAST >&2; exit 3");
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withStderrCaptureBytes(4096));
        assertThatThrownBy(() -> runner.run(Command.zfs("destroy", "p/f")))
                .isInstanceOfSatisfying(ZfsCommandException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderr()).startsWith("FIRST\n").endsWith("LAST\n")
                            .contains("bytes of output omitted");
                    assertThat(e.stderr().length()).isLessThan(4096 + 100);
                });
    }

    @Test
    void largeStdoutAndStderrAtOnceDoNotDeadlock() throws Exception {
        // 20 MiB on each pipe, interleaved in 64 KiB pieces: a runner that read one pipe after the other would hang
        // once the other pipe's 64 KiB buffer is full.
        Path zfs = FakeZfs.script(dir, "zfs", "for i in $(seq 320); do head -c 65536 /dev/zero; "
                + "head -c 65536 /dev/zero >&2; done; exit 0");
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withStderrCaptureBytes(1024));
        CommandResult r = runner.run(Command.zfs("list"));
        assertThat(r.stdout().length).isEqualTo(320 * 65536);
    }

    @Test
    void stdoutBeyondTheLimitFailsInsteadOfFillingTheHeap() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "head -c 3000000 /dev/zero");
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withMaxStdoutBytes(1_000_000));
        assertThatThrownBy(() -> runner.run(Command.zfs("list"))).hasMessageContaining("stdout exceeded the limit");
    }

    @Test
    void stdoutHeldOpenPastTheExitIsAnErrorNotHalfTheOutput() throws Exception {
        // The first half of a listing, then the process exits while a background child still holds stdout: what
        // was read so far must not be returned as the whole listing.
        Path pid = dir.resolve("pid");
        Path zfs = FakeZfs.script(dir, "zfs", "echo pool/a; (sleep 30; echo pool/b) & echo $! > '" + pid + "'; "
                + "sleep 0.3; exit 0");
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withDrainGrace(Duration.ofMillis(500)));
        try {
            assertThatThrownBy(() -> runner.run(Command.zfs("list", "-H", "-o", "name")))
                    .isInstanceOfSatisfying(IncompleteOutputException.class, e -> {
                        assertThat(e.exitCode()).isZero();
                        assertThat(e.getMessage()).contains("output not fully read").contains("stdout");
                    });
        } finally {
            ProcessHandle.of(FakeZfs.readPid(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void stdinBytesAreFed() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "tr a-z A-Z");
        CommandResult r = runner(zfs).run(Command.zfs("x").withStdin("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.stdoutText()).isEqualTo("HELLO");
    }

    @Test
    void missingBinaryIsAStartError() {
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults()
                .withZfsBinary(dir.resolve("nope").toString()));
        assertThatThrownBy(() -> runner.run(Command.zfs("list")))
                .isInstanceOfSatisfying(CommandStartException.class, e -> {
                    assertThat(e.argumentListTooLong()).isFalse();
                    assertThat(e.exitCode()).isEqualTo(ZfsCommandException.NO_EXIT_CODE);
                });
    }

    @Test
    void tooLongArgvIsRecognisedAsE2big() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "exit 0");
        String huge = "x".repeat(200_000); // above MAX_ARG_STRLEN (128 KiB)
        assertThatThrownBy(() -> runner(zfs).run(Command.zfs("destroy", huge)))
                .isInstanceOfSatisfying(CommandStartException.class,
                        e -> assertThat(e.argumentListTooLong()).isTrue());
    }

    @Test
    void countsSpawnsPerVerbAndGlobally() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "exit 0");
        Path zpool = FakeZfs.script(dir, "zpool", "exit 0");
        ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withZpoolBinary(zpool.toString()));
        long globalBefore = ProcessCounter.global().total();
        runner.run(Command.zfs("list"));
        runner.run(Command.zfs("list"));
        runner.run(Command.zpool("get", "x"));
        assertThat(runner.counter().total()).isEqualTo(3);
        assertThat(runner.counter().count(Tool.ZFS, "list")).isEqualTo(2);
        assertThat(runner.counter().byVerb()).isEqualTo(Map.of("zfs list", 2L, "zpool get", 1L));
        assertThat(ProcessCounter.global().total() - globalBefore).isGreaterThanOrEqualTo(3);
    }

    @Test
    void boundedCaptureKeepsEverythingBelowTheLimit() {
        BoundedCapture c = new BoundedCapture(10);
        c.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        assertThat(c.toString()).isEqualTo("abc");
        c.write("defghijklmnop".getBytes(StandardCharsets.UTF_8), 0, 13);
        assertThat(c.totalBytes()).isEqualTo(16);
        assertThat(c.keptBytes()).isEqualTo(10);
        assertThat(c.toString()).isEqualTo("abcde\n[... 6 bytes of output omitted ...]\nlmnop");
    }

    @Test
    void commandLinesForLogs() {
        Command c = Command.zfs(List.of("send", "-i", "@a", "p/b c@d"));
        assertThat(c.verb()).isEqualTo("send");
        assertThat(c.toString()).isEqualTo("zfs send -i @a p/b c@d");
        assertThatThrownBy(() -> Command.zfs(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
