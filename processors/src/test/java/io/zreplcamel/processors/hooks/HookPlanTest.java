package io.zreplcamel.processors.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Hook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hook plans with real shell scripts: they are only processes, no ZFS needed. */
class HookPlanTest {

    @TempDir
    Path dir;
    Path log;
    final CommandHookRunner runner = new CommandHookRunner();

    @BeforeEach
    void setUp() {
        log = dir.resolve("calls.log");
    }

    private Hook.Command script(String name, String body, boolean fatal) throws IOException {
        return script(name, body, fatal, Duration.ofSeconds(30), FilesystemFilter.acceptAll());
    }

    private Hook.Command script(String name, String body, boolean fatal, Duration timeout, FilesystemFilter filter)
            throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Hook.Command(p.toString(), timeout, filter, fatal);
    }

    /** A hook that appends "<edge>-<name>" to the log and fails on the given edge ("pre", "post" or ""). */
    private Hook.Command logging(String name, String failOn, boolean fatal) throws IOException {
        String body = "echo \"${ZREPL_HOOKTYPE%_snapshot}-" + name + "\" >> " + log + "\n"
                + "[ \"$ZREPL_HOOKTYPE\" = \"" + failOn + "_snapshot\" ] && exit 1\nexit 0";
        return script(name, body, fatal);
    }

    private HookPlan plan(List<Hook> hooks) {
        return HookPlan.forSnapshot(hooks, "pool/data", "zrepl_1", false, runner, Clock.systemUTC());
    }

    private HookPlan.Callback snapshot() {
        return () -> Files.writeString(log, "snapshot\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static List<HookStepStatus> statuses(HookPlanReport r) {
        List<HookStepStatus> out = new ArrayList<>();
        r.steps().forEach(s -> out.add(s.status()));
        return out;
    }

    @Test
    void preInConfigOrderThenSnapshotThenPostInReverse() throws IOException {
        HookPlanReport report = plan(List.of(logging("a", "", false), logging("b", "", false),
                logging("c", "", false))).run(snapshot());
        assertThat(calls()).containsExactly("pre-a", "pre-b", "pre-c", "snapshot", "post-c", "post-b", "post-a");
        assertThat(statuses(report)).containsOnly(HookStepStatus.OK);
        assertThat(report.hadError()).isFalse();
    }

    @Test
    void fatalPreFailureSkipsTheSnapshotButReleasesEarlierHooks() throws IOException {
        HookPlanReport report = plan(List.of(logging("lock", "", false), logging("check", "pre", true),
                logging("late", "", false))).run(snapshot());
        // zrepl would stop after pre-check and never run post-lock
        assertThat(calls()).containsExactly("pre-lock", "pre-check", "post-lock");
        assertThat(statuses(report)).containsExactly(
                HookStepStatus.OK, HookStepStatus.ERR, HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR,
                HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR,
                HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR, HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR, HookStepStatus.OK);
        assertThat(report.hadFatalError()).isTrue();
        assertThat(report.steps().get(1).error()).contains("exit status 1");
    }

    @Test
    void nonFatalPreFailureStillSnapshotsAndSkipsOnlyItsOwnPost() throws IOException {
        HookPlanReport report = plan(List.of(logging("a", "", false), logging("b", "pre", false)))
                .run(snapshot());
        assertThat(calls()).containsExactly("pre-a", "pre-b", "snapshot", "post-a");
        assertThat(statuses(report)).containsExactly(HookStepStatus.OK, HookStepStatus.ERR, HookStepStatus.OK,
                HookStepStatus.SKIPPED_DUE_TO_PRE_ERR, HookStepStatus.OK);
        assertThat(report.hadError()).isTrue();
        assertThat(report.hadFatalError()).isFalse();
    }

    @Test
    void postFailuresDoNotStopOtherPostsAndAreNeverFatal() throws IOException {
        HookPlanReport report = plan(List.of(logging("a", "", true), logging("b", "post", true)))
                .run(snapshot());
        assertThat(calls()).containsExactly("pre-a", "pre-b", "snapshot", "post-b", "post-a");
        assertThat(report.hadError()).isTrue();
        assertThat(report.hadFatalError()).isFalse();
    }

    @Test
    void snapshotFailureIsReportedAndPostsStillRun() throws IOException {
        HookPlanReport report = plan(List.of(logging("a", "", false))).run(() -> {
            throw new IllegalStateException("dataset is busy");
        });
        assertThat(calls()).containsExactly("pre-a", "post-a");
        assertThat(report.snapshotStep().status()).isEqualTo(HookStepStatus.ERR);
        assertThat(report.snapshotStep().error()).contains("dataset is busy");
    }

    @Test
    void passesTheZreplEnvironment() throws IOException {
        Hook.Command env = script("env", "env | grep '^ZREPL_' | sort", false);
        HookPlanReport report = HookPlan.forSnapshot(List.of(env), "pool/db", "zrepl_20240514_211623_000", false,
                runner, Clock.systemUTC()).run(() -> { });
        assertThat(report.steps().get(0).output()).isEqualTo("""
                ZREPL_DRYRUN=
                ZREPL_FS=pool/db
                ZREPL_HOOKTYPE=pre_snapshot
                ZREPL_SNAPNAME=zrepl_20240514_211623_000
                ZREPL_TIMEOUT=30
                """);
        assertThat(report.steps().get(2).output()).contains("ZREPL_HOOKTYPE=post_snapshot");
    }

    @Test
    void dryRunIsTrueWhenAsked() throws IOException {
        Hook.Command env = script("env", "echo \"dry=$ZREPL_DRYRUN\"", false);
        HookPlanReport report = HookPlan.forSnapshot(List.of(env), "pool/db", "s", true, runner,
                Clock.systemUTC()).run(() -> { });
        assertThat(report.steps().get(0).output()).isEqualTo("dry=true\n");
    }

    @Test
    void hooksRunOnlyForFilesystemsTheirFilterTakes() throws IOException {
        Hook.Command dbOnly = script("db", "echo db >> " + log, false, Duration.ofSeconds(5),
                FilesystemFilter.of(Map.of("pool/db<", true)));
        assertThat(HookPlan.forSnapshot(List.of(dbOnly), "pool/web", "s", false, runner, Clock.systemUTC())
                .hooks()).isEmpty();
        assertThat(HookPlan.forSnapshot(List.of(dbOnly), "pool/db/x", "s", false, runner, Clock.systemUTC())
                .hooks()).hasSize(1);
    }

    @Test
    void timeoutKillsTheHookAndItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Hook.Command slow = script("slow", "sleep 60 &\necho $! > " + pidFile + "\necho started\nwait",
                true, Duration.ofSeconds(1), FilesystemFilter.acceptAll());
        AtomicBoolean snapshotted = new AtomicBoolean();
        long start = System.nanoTime();
        HookPlanReport report = plan(List.of(slow)).run(() -> snapshotted.set(true));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        // SIGTERM to the hook's session: the shell dies of it (a hook that ignores it gets SIGKILL after the grace)
        assertThat(report.steps().get(0).error()).contains("timed out after 1s: signal: terminated");
        assertThat(report.steps().get(0).output()).isEqualTo("started\n");
        assertThat(snapshotted).isFalse();
        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        for (int i = 0; i < 50 && ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void outputIsBoundedToTheLastBytes() throws IOException {
        Hook.Command loud = script("loud", "i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; i=$((i+1)); done; "
                + "sleep 0.3; echo 'to stderr' >&2", false);
        HookOutcome outcome = new CommandHookRunner(100).invoke(loud, Map.of());
        assertThat(outcome.output()).hasSize(100).endsWith("line 1999\nto stderr\n");
    }

    @Test
    void exitStatusAndMissingExecutableAreReported() {
        HookOutcome exit3 = runner.run("/bin/sh", Duration.ofSeconds(5), Map.of());
        assertThat(exit3.failed()).isFalse();
        HookOutcome missing = runner.run(dir.resolve("nope").toString(), Duration.ofSeconds(5), Map.of());
        assertThat(missing.error()).contains("fork/exec " + dir.resolve("nope") + ": no such file or directory");
    }

    @Test
    void exitStatusIsGoStyle() throws IOException {
        Hook.Command three = script("three", "exit 3", false);
        assertThat(runner.invoke(three, Map.of()).error()).contains("exit status 3");
    }

    @Test
    void reportRendersLikeZrepl() throws IOException {
        HookPlanReport report = plan(List.of(logging("a", "", true))).run(snapshot());
        assertThat(report.toString()).startsWith("01 [Ok] [").contains("] ! [pre]  command \"" + dir.resolve("a"))
                .contains("02 [Ok]").contains("[callback]  snapshot");
    }
}
