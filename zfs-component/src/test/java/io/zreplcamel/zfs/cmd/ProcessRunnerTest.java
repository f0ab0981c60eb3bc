package io.zreplcamel.zfs.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generic runner with arbitrary executables: sessions, killing, completeness. Shell scripts only. */
@Timeout(60)
class ProcessRunnerTest {

    @TempDir
    Path dir;

    final ProcessRunner runner = new ProcessRunner();

    @AfterEach
    void close() {
        runner.close();
    }

    private ProcessSpec spec(Path script, BoundedCapture out) {
        return ProcessSpec.of(List.of(script.toString()), new BoundedCapture(4096)).withStdout(out);
    }

    /** {@code /proc/<pid>/stat} read by the test itself: pgrp and session of a process, or null when it is gone. */
    private static long[] groupAndSession(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return null;
        }
        String[] f = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
        return f[0].equals("Z") ? null : new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    private static boolean running(long pid) throws IOException {
        return groupAndSession(pid) != null;
    }

    @Test
    void ownSessionMakesTheProcessLeaderOfItsSessionAndGroup() throws Exception {
        Path s = FakeZfs.script(dir, "ids", "echo $$; cut -d' ' -f5,6 /proc/$$/stat");
        BoundedCapture out = new BoundedCapture(4096);
        ProcessResult r = runner.run(spec(s, out).inOwnSession(Duration.ofSeconds(1)));
        String[] lines = out.text().split("\n");
        assertThat(Long.parseLong(lines[0])).as("setsid execs: the script is the process we started")
                .isEqualTo(r.pid());
        assertThat(lines[1]).as("pgrp and session").isEqualTo(r.pid() + " " + r.pid());
        assertThat(r.exitCode()).isZero();
        assertThat(r.incomplete()).isEmpty();
    }

    @Test
    void withoutOwnSessionTheProcessStaysInTheJvmsGroup() throws Exception {
        Path s = FakeZfs.script(dir, "ids", "cut -d' ' -f5 /proc/$$/stat");
        BoundedCapture out = new BoundedCapture(4096);
        ProcessResult r = runner.run(spec(s, out));
        assertThat(Long.parseLong(out.text().strip())).isNotEqualTo(r.pid());
    }

    @Test
    void backgroundChildrenDoNotOutliveTheLeader() throws Exception {
        Path pid = dir.resolve("pid");
        // re-parented at once (the subshell exits), so no descendants() walk would find it
        Path s = FakeZfs.script(dir, "bg", "( sleep 300 & echo $! > '" + pid + "' ); echo done");
        BoundedCapture out = new BoundedCapture(4096);
        long start = System.nanoTime();
        ProcessResult r = runner.run(spec(s, out).inOwnSession(Duration.ofSeconds(2)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        long child = FakeZfs.readPid(pid);
        assertThat(running(child)).as("background sleep ended").isFalse();
        assertThat(ProcessSessions.livingMembers(r.pid())).isEmpty();
        assertThat(r.leftBehind()).isEqualTo(1);
        assertThat(r.exitCode()).isZero();
        assertThat(r.incomplete()).as("its stdout reached end of file").isEmpty();
        assertThat(out.text()).isEqualTo("done\n");
    }

    @Test
    void timeoutEndsTheWholeSessionWithSigterm() throws Exception {
        Path pid = dir.resolve("pid");
        Path s = FakeZfs.script(dir, "slow", "( sleep 300 & echo $! > '" + pid + "' ); echo started; sleep 300");
        BoundedCapture out = new BoundedCapture(4096);
        long start = System.nanoTime();
        ProcessResult r = runner.run(spec(s, out).withTimeout(Duration.ofMillis(500))
                .inOwnSession(Duration.ofSeconds(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("TERM was enough: no grace needed")
                .isLessThan(Duration.ofMillis(500 + 2500));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).as("SIGTERM").isEqualTo(128 + 15);
        assertThat(running(FakeZfs.readPid(pid))).isFalse();
        assertThat(out.text()).isEqualTo("started\n");
    }

    @Test
    void whatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Path pid = dir.resolve("pid");
        // SIG_IGN is inherited: the child holding stdout ignores TERM as well
        Path s = FakeZfs.script(dir, "stubborn", "trap '' TERM; ( sleep 300 & echo $! > '" + pid + "' ); "
                + "echo started; sleep 300");
        BoundedCapture out = new BoundedCapture(4096);
        long start = System.nanoTime();
        ProcessResult r = runner.run(spec(s, out).withTimeout(Duration.ofMillis(500))
                .inOwnSession(Duration.ofSeconds(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("timeout + grace").isBetween(Duration.ofMillis(1400), Duration.ofMillis(1500 + 2500));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).as("SIGKILL").isEqualTo(128 + 9);
        assertThat(running(FakeZfs.readPid(pid))).isFalse();
        assertThat(ProcessSessions.livingMembers(r.pid())).isEmpty();
    }

    @Test
    void aPipeHeldByAProcessThatLeftTheSessionMakesTheOutputIncomplete() throws Exception {
        Path pid = dir.resolve("pid");
        // setsid again: out of our session, out of our reach; the runner must say so rather than pretend
        Path s = FakeZfs.script(dir, "escape", "echo part; setsid sleep 30 & echo $! > '" + pid + "'; sleep 0.3");
        BoundedCapture out = new BoundedCapture(4096);
        try {
            ProcessResult r = runner.run(spec(s, out).inOwnSession(Duration.ofMillis(200))
                    .withDrainGrace(Duration.ofMillis(300)));
            assertThat(r.exitCode()).isZero();
            assertThat(r.incomplete()).hasValueSatisfying(why -> assertThat(why).contains("stdout: still open"));
        } finally {
            ProcessHandle.of(FakeZfs.readPid(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void lotsOfStderrBeforeStdoutDoesNotDeadlock() throws Exception {
        Path s = FakeZfs.script(dir, "noisy", "head -c 1048576 /dev/zero >&2; echo result");
        BoundedCapture out = new BoundedCapture(4096);
        ProcessResult r = runner.run(spec(s, out).withTimeout(Duration.ofSeconds(20)));
        assertThat(r.timedOut()).isFalse();
        assertThat(out.text()).isEqualTo("result\n");
    }

    @Test
    void environmentIsAddedToTheJvms() throws Exception {
        Path s = FakeZfs.script(dir, "env", "echo \"$ZREPL_FS ${PATH:+path-set}\"");
        BoundedCapture out = new BoundedCapture(4096);
        runner.run(spec(s, out).withEnvironment(Map.of("ZREPL_FS", "pool/a")).inOwnSession(Duration.ofSeconds(1)));
        assertThat(out.text()).isEqualTo("pool/a path-set\n");
    }

    @Test
    void missingOrNonExecutableFailsToStartInOrOutOfASession() throws Exception {
        Path missing = dir.resolve("nope");
        Path plain = Files.writeString(dir.resolve("plain"), "echo x\n");
        for (boolean session : List.of(false, true)) {
            ProcessSpec base = ProcessSpec.of(List.of(missing.toString()), new BoundedCapture(64))
                    .withStdout(new BoundedCapture(64));
            ProcessSpec m = session ? base.inOwnSession(Duration.ofSeconds(1)) : base;
            assertThatThrownBy(() -> runner.run(m)).isInstanceOf(IOException.class)
                    .hasMessageContaining("error=2, No such file or directory");
            ProcessSpec p = ProcessSpec.of(List.of(plain.toString()), new BoundedCapture(64))
                    .withStdout(new BoundedCapture(64));
            ProcessSpec pp = session ? p.inOwnSession(Duration.ofSeconds(1)) : p;
            assertThatThrownBy(() -> runner.run(pp)).isInstanceOf(IOException.class)
                    .hasMessageContaining("error=13, Permission denied");
        }
    }

    @Test
    void membershipParsingCopesWithSpacesAndParenthesesInTheName() {
        assertThat(ProcessSessions.parse(42, "42 (a b) c)) S 1 40 41 0 -1 4194560"))
                .hasValue(new ProcessSessions.Membership(42, 'S', 1, 40, 41));
        assertThat(ProcessSessions.parse(42, "garbage")).isEmpty();
    }
}
