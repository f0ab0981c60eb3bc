package io.zreplcamel.processors.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Hook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hook leaves behind: its process group and session, and the threads reading its pipes. Shell scripts
 * only; the process checks read {@code /proc} here, independently of the runner's own session scan.
 */
@Timeout(60)
class CommandHookRunnerTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    final CommandHookRunner runner = new CommandHookRunner(CommandHookRunner.MAX_OUTPUT_BYTES, GRACE);

    @AfterEach
    void close() {
        runner.close();
    }

    private Hook.Command hook(String name, String body, Duration timeout) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Hook.Command(p.toString(), timeout, FilesystemFilter.acceptAll(), false);
    }

    private static long pid(Path file) throws Exception {
        for (int i = 0; i < 200 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Thread.sleep(25);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Alive (not a zombie), by {@code /proc/<pid>/stat}. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    /** Processes (not zombies) whose process group or session is {@code id}. */
    private static List<Long> groupMembers(long id) throws IOException {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .filter(n -> {
                        try {
                            String s = Files.readString(Path.of("/proc", n, "stat"));
                            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                            return !f[0].equals("Z") && (Long.parseLong(f[2]) == id || Long.parseLong(f[3]) == id);
                        } catch (IOException | RuntimeException e) {
                            return false; // gone meanwhile
                        }
                    }).map(Long::parseLong).toList();
        }
    }

    /** Threads blocked in (or about to be in) a read of a pipe or file, as a thread dump would show them. */
    private static Set<Thread> threadsReading() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(
                        f -> f.getClassName().equals("java.io.FileInputStream") && f.getMethodName().startsWith("read")))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Test
    void aHooksBackgroundChildrenAndReaderThreadsDoNotOutliveIt() throws Exception {
        Path childPid = dir.resolve("child.pid");
        Hook.Command bg = hook("bg", "sleep 300 &\necho $! > '" + childPid + "'\n"
                + "echo \"$$ $(cut -d' ' -f5,6 /proc/$$/stat)\"\nexit 0", Duration.ofSeconds(30));
        Set<Thread> readingBefore = threadsReading();
        long start = System.nanoTime();

        HookOutcome outcome = runner.invoke(bg, Map.of("ZREPL_HOOKTYPE", "pre_snapshot"));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.failed()).as(outcome.error().orElse("")).isFalse();
        // the hook led its own process group and session: pid = pgid = sid
        String[] ids = outcome.output().strip().split(" ");
        long hookPid = Long.parseLong(ids[0]);
        assertThat(ids).containsExactly(ids[0], ids[0], ids[0]);
        long child = pid(childPid);
        assertThat(running(child)).as("background sleep 300 ended with its hook").isFalse();
        assertThat(groupMembers(hookPid)).as("nothing of the hook's group/session alive").isEmpty();
        Set<Thread> lingering = threadsReading();
        lingering.removeAll(readingBefore);
        assertThat(lingering).as("no reader thread still blocked on the hook's pipes").isEmpty();
        assertThat(took).as("SIGTERM was enough, no need to wait for the grace").isLessThan(GRACE);
    }

    @Test
    void aTimedOutHookWithAChildHoldingStdoutIsEndedWithinTimeoutAndGrace() throws Exception {
        Path childPid = dir.resolve("child.pid");
        // the subshell exits at once: its sleep is re-parented, no descendant of the hook any more, and holds
        // stdout open; the hook itself ignores SIGTERM, and so does the child (SIG_IGN is inherited)
        Hook.Command slow = hook("slow", "trap '' TERM\n( sleep 300 & echo $! > '" + childPid + "' )\n"
                + "echo started\nsleep 300", Duration.ofSeconds(1));
        Set<Thread> readingBefore = threadsReading();
        long start = System.nanoTime();

        HookOutcome outcome = runner.invoke(slow, Map.of());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.error()).hasValue("timed out after 1s: signal: killed");
        assertThat(outcome.output()).isEqualTo("started\n");
        Duration timeoutAndGrace = Duration.ofSeconds(1).plus(GRACE);
        assertThat(took).isGreaterThanOrEqualTo(timeoutAndGrace.minusMillis(100))
                .isLessThan(timeoutAndGrace.plusSeconds(2));
        assertThat(running(pid(childPid))).isFalse();
        Set<Thread> lingering = threadsReading();
        lingering.removeAll(readingBefore);
        assertThat(lingering).isEmpty();
    }

    @Test
    void aTimedOutHookThatHonoursSigtermEndsWithoutTheGrace() throws Exception {
        Hook.Command slow = hook("slow", "echo started\nsleep 300", Duration.ofSeconds(1));
        long start = System.nanoTime();

        HookOutcome outcome = runner.invoke(slow, Map.of());

        assertThat(outcome.error()).hasValue("timed out after 1s: signal: terminated");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(GRACE));
    }

    @Test
    void zreplVariablesAndTheDaemonsEnvironmentReachTheHook() throws Exception {
        Hook.Command env = hook("env", "echo \"$ZREPL_HOOKTYPE $ZREPL_FS $ZREPL_SNAPNAME [$ZREPL_DRYRUN] "
                + "$ZREPL_TIMEOUT ${HOME:+home}\"; read x && echo \"stdin: $x\"", Duration.ofSeconds(5));
        HookOutcome outcome = runner.invoke(env, Map.of("ZREPL_HOOKTYPE", "post_snapshot", "ZREPL_FS", "p/a",
                "ZREPL_SNAPNAME", "zrepl_1", "ZREPL_DRYRUN", "", "ZREPL_TIMEOUT", "5"));
        assertThat(outcome.output()).as("stdin is /dev/null").isEqualTo("post_snapshot p/a zrepl_1 [] 5 home\n");
    }
}
