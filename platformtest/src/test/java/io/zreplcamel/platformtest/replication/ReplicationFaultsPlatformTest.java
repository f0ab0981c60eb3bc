package io.zreplcamel.platformtest.replication;

import static io.zreplcamel.platformtest.replication.LocalReplicationRig.bookmarks;
import static io.zreplcamel.platformtest.replication.LocalReplicationRig.get;
import static io.zreplcamel.platformtest.replication.LocalReplicationRig.guid;
import static io.zreplcamel.platformtest.replication.LocalReplicationRig.holds;
import static io.zreplcamel.platformtest.replication.LocalReplicationRig.snapshots;
import static io.zreplcamel.platformtest.replication.ReceivedData.assertSameData;
import static io.zreplcamel.platformtest.replication.ReceivedData.fsReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.Trees;
import io.zreplcamel.platformtest.snap.DaemonWorkDir;
import io.zreplcamel.platformtest.zfs.ZfsReceives;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Faults on real OpenZFS: a resume token made stale by destroying its snapshot on the sender (an error by default,
 * discarded with {@code replication.resume.abort_stale_token}), and a daemon killed with SIGKILL in the middle of a
 * step and started again.
 */
@PlatformTest
class ReplicationFaultsPlatformTest {

    private static final String PLACEHOLDERS_INHERIT = """
                recv:
                  placeholder:
                    encryption: inherit
            """;

    private static final String ABORT_STALE_TOKEN = """
                replication:
                  resume:
                    abort_stale_token: true
            """;

    @TempDir
    Path dir;

    /** Cuts the stream after 600 KiB, as a killed {@code zfs recv} does: the receiver keeps a resume token. */
    private static void interruptedReceive(String sendArgs, String target) {
        Sh.Result cut = Sh.exec("bash", "-c", "zfs send " + sendArgs + " | head -c 614400 | zfs recv -s " + target);
        assertThat(cut.ok()).as("a truncated stream fails").isFalse();
        assertThat(get(target, "receive_resume_token")).as("token of %s", target).isNotEqualTo("-");
    }

    @Test
    void aStaleResumeTokenFailsWithTheFixUnlessAbortStaleTokenIsOn(TestPool src, TestPool dst) {
        String data = src.ds("data");
        String child = src.ds("data/child");
        src.zfs("create", data);
        Trees.writeRandomFiles(src.mountpoint("data"), 70, 3, 64 * 1024);
        src.zfs("snapshot", data + "@s1");
        try (LocalReplicationRig off = new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true", "",
                PLACEHOLDERS_INHERIT)) {
            assertThat(fsReport(off.invoke(), data).state()).isEqualTo(FilesystemState.DONE);
            String received = off.received("data");
            String receivedChild = off.received("data/child");

            // data: an incremental s1 -> s2 interrupted, then s2 destroyed on the sender (no step holds were taken:
            // the receive was made by hand, as after a crash of a job that did not guarantee resumability)
            Trees.writeRandomFiles(src.mountpoint("data"), 71, 4, 512 * 1024);
            src.zfs("snapshot", data + "@s2");
            interruptedReceive("-i @s1 " + data + "@s2", received);
            src.zfs("destroy", data + "@s2");
            src.zfs("snapshot", data + "@s3");
            // data/child: a full receive of c1 interrupted, then c1 destroyed
            src.zfs("create", child);
            Trees.writeRandomFiles(src.mountpoint("data/child"), 72, 4, 512 * 1024);
            src.zfs("snapshot", child + "@c1");
            interruptedReceive(child + "@c1", receivedChild);
            src.zfs("destroy", child + "@c1");
            src.zfs("snapshot", child + "@c2");
            String dataToken = get(received, "receive_resume_token");
            String childToken = get(receivedChild, "receive_resume_token");

            // off (the default): a conflict that says what to run; nothing is changed on the receiver
            InvocationReport failed = off.invoke();
            for (String fs : List.of(data, child)) {
                FilesystemReport r = fsReport(failed, fs);
                assertThat(r.state()).as("%s", r).isEqualTo(FilesystemState.FAILED);
                assertThat(r.conflict()).contains(ConflictKind.STALE_RESUME_TOKEN);
                assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("zfs receive -A")
                        .contains("not found on sender"));
                System.out.println("stale token, option off: " + r.error().orElseThrow());
            }
            assertThat(get(received, "receive_resume_token")).isEqualTo(dataToken);
            assertThat(get(receivedChild, "receive_resume_token")).isEqualTo(childToken);
            assertThat(snapshots(received)).containsExactly("@s1");
        }
        try (LocalReplicationRig on = new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true",
                ABORT_STALE_TOKEN, PLACEHOLDERS_INHERIT)) {
            assertThat(on.push.replication().abortStaleResumeToken()).isTrue();
            InvocationReport report = on.invoke();
            String received = on.received("data");
            String receivedChild = on.received("data/child");
            for (String fs : List.of(data, child)) {
                FilesystemReport r = fsReport(report, fs);
                assertThat(r.state()).as("%s", r).isEqualTo(FilesystemState.DONE);
                assertThat(r.conflict()).isEmpty();
            }
            assertThat(get(received, "receive_resume_token")).isEqualTo("-");
            assertThat(get(receivedChild, "receive_resume_token")).isEqualTo("-");
            assertThat(snapshots(received)).containsExactly("@s1", "@s3");
            assertThat(snapshots(receivedChild)).containsExactly("@c2");
            assertSameData(data + "@s3", received + "@s3");
            assertSameData(child + "@c2", receivedChild + "@c2");
        }
    }

    // ------------------------------------------------------------------ kill -9 of the daemon mid-step

    @Test
    void aDaemonKilledMidStepResumesFromTheTokenAfterARestart(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String sinkRoot = pool.ds("sink");
        String received = sinkRoot + "/laptop/" + src;
        Sh.bash("zfs create " + src + " && zfs create " + sinkRoot + " && for i in $(seq 1 24); do head -c 1048576"
                + " /dev/urandom > " + pool.mountpoint("src") + "/f$i; done").check();
        Path work = DaemonWorkDir.create("kill9-");
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: push
                    type: push
                    connect: {type: local, listener_name: backup, client_identity: laptop}
                    filesystems: {"%1$s<": true}
                    snapshotting: {type: periodic, prefix: zrepl_, interval: 10s}
                    send: {bandwidth_limit: {max: 2 MiB}}
                    pruning:
                      keep_sender:
                        - {type: not_replicated}
                        - {type: last_n, count: 20}
                      keep_receiver:
                        - {type: last_n, count: 20}
                  - name: sink
                    type: sink
                    root_fs: "%2$s"
                    serve: {type: local, listener_name: backup}
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(src, sinkRoot));
        Path events = work.resolve("events.jsonl");
        DaemonProcess first = DaemonProcess.start(config, events, work.resolve("daemon-1.log"));
        String interrupted;
        try {
            long recvPid = awaitReceiveReading(first, received, 4L << 20, 300);
            List<ProcessHandle> children = first.process.descendants().toList();
            System.out.println("daemon JVM " + first.process.pid() + " children before kill -9: "
                    + children.stream().map(ReplicationFaultsPlatformTest::describe).toList());
            assertThat(children).as("the zfs recv reading the stream is the daemon's child")
                    .anyMatch(h -> h.pid() == recvPid);
            Sh.run("kill", "-9", Long.toString(first.process.pid()));
            first.process.waitFor();
            // zfs send and zfs recv are not piped to each other (the send bandwidth limit puts the JVM between
            // them), so the JVM's death closes both pipes: send gets EPIPE, recv EOF and keeps its resume state.
            // Whatever is still alive after 10 s is killed here, and said.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<ProcessHandle> left = children.stream().filter(ProcessHandle::isAlive).toList();
            System.out.println("children of the killed daemon still alive after 10 s (killed now): "
                    + left.stream().map(ReplicationFaultsPlatformTest::describe).toList());
            left.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : left) {
                h.onExit().get();
            }
        } finally {
            first.stop();
        }
        System.out.println("daemon 1 log (tail):\n" + tail(first.logText(), 4000));
        List<String> sent = snapshots(src);
        assertThat(sent).as("the first run's snapshot").hasSize(1);
        interrupted = sent.get(0);
        assertThat(get(received, "receive_resume_token")).as("the killed receive left a resume token")
                .isNotEqualTo("-");
        // guarantee_resumability: the step hold keeps the interrupted step's `to` on the sender
        assertThat(holds(src + interrupted)).contains("zrepl_STEP_J_push");
        assertThat(first.events()).as("the killed run published no event").isEmpty();

        DaemonProcess second = DaemonProcess.start(config, events, work.resolve("daemon-2.log"));
        Map<String, Object> run;
        try {
            run = json(second.awaitEvents(1, 420).get(0));
        } finally {
            second.stop();
        }
        String log = second.logText();
        System.out.println("daemon 2 event: " + run);
        assertThat(run).as("event %s; log:\n%s", run, tail(log, 8000)).containsEntry("ok", true);
        assertThat(log).as("daemon 2 resumed the interrupted step").contains("step " + src + " (full) -> "
                + interrupted + " (resumed) started");
        assertThat(get(received, "receive_resume_token")).isEqualTo("-");
        assertThat(guid(received + interrupted)).isEqualTo(guid(src + interrupted));
        assertSameData(src + interrupted, received + interrupted);
        List<String> after = snapshots(src);
        String newest = after.get(after.size() - 1);
        assertThat(snapshots(received)).contains(newest);
        assertThat(guid(received + newest)).isEqualTo(guid(src + newest));
        // no step hold and no tentative cursor is left on the sender; the cursor is on the newest snapshot
        for (String s : after) {
            assertThat(holds(src + s)).as("holds of %s", s).doesNotContain("zrepl_STEP_J_push");
        }
        assertThat(bookmarks(src)).noneMatch(b -> b.contains("CURSORTENTATIVE"));
        assertThat(bookmarks(src)).containsExactly("#zrepl_CURSOR_G_"
                + String.format("%016x", Long.parseUnsignedLong(guid(src + newest))) + "_J_push");
        DaemonWorkDir.delete(work);
    }

    /** Waits until a {@code zfs recv} of the daemon's into {@code target} has read {@code bytes}; returns its pid. */
    private static long awaitReceiveReading(DaemonProcess daemon, String target, long bytes, long timeoutSeconds)
            throws Exception {
        try {
            return ZfsReceives.awaitReading(() -> daemon.process.descendants().toList(), target, bytes,
                    Duration.ofSeconds(timeoutSeconds), () -> {
                        if (!daemon.process.isAlive()) {
                            throw new AssertionError("daemon exited early");
                        }
                    });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; log:\n" + daemon.tail(), e);
        }
    }

    private static String describe(ProcessHandle h) {
        return h.pid() + " " + ZfsReceives.cmdline(h.pid()).orElse("?");
    }

    private static String tail(String s, int n) {
        return s.length() > n ? s.substring(s.length() - n) : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }
}
