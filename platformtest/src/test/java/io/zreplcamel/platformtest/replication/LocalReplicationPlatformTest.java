package io.zreplcamel.platformtest.replication;

import static io.zreplcamel.platformtest.replication.LocalReplicationRig.bookmarks;
import static io.zreplcamel.platformtest.replication.LocalReplicationRig.cursorName;
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
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication engine end to end on real OpenZFS: a push job and a sink job of one zrepl.yml over the local
 * endpoints, between two pools. Every data test compares the checksums of the received snapshot's files with the
 * source snapshot's; on-disk abstractions are checked by their exact zrepl names.
 */
@PlatformTest
class LocalReplicationPlatformTest {

    private static final String PLACEHOLDERS_INHERIT = """
                recv:
                  placeholder:
                    encryption: inherit
            """;

    @TempDir
    Path dir;

    private LocalReplicationRig rig(TestPool src, TestPool dst, String pushExtra) {
        return new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true", pushExtra, PLACEHOLDERS_INHERIT);
    }

    private static void write(TestPool pool, String fs, long seed, int files) {
        Trees.writeRandomFiles(pool.mountpoint(fs), seed, files, 64 * 1024);
    }

    /** {@code <src>/data} with {@code files} random 64 KiB files (from {@code seed}) and one snapshot of them. */
    private static void createDataWithSnapshot(TestPool src, long seed, int files, String snapshot) {
        src.zfs("create", src.ds("data"));
        write(src, "data", seed, files);
        src.zfs("snapshot", src.ds("data@" + snapshot));
    }

    @Test
    void fullThenIncrementalMovesCursorAndLastReceivedHold(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 1, 6, "s1");
        write(src, "data", 2, 3);
        src.zfs("snapshot", src.ds("data@s2"));
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            InvocationReport first = rig.invoke();
            assertThat(fsReport(first, src.ds("data")).state()).isEqualTo(FilesystemState.DONE);
            String received = rig.received("data");
            // most_recent (the default): only the newest snapshot is sent in the initial replication
            assertThat(snapshots(received)).containsExactly("@s2");
            assertSameData(src.ds("data@s2"), received + "@s2");
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@s2")));
            assertThat(holds(received + "@s2")).containsExactly("zrepl_last_received_J_" + LocalReplicationRig.SINK);
            // resumability: the step holds are released once the step completed
            assertThat(holds(src.ds("data@s2"))).isEmpty();
            // the client root and the sender's pool name below it are placeholders
            assertThat(get(dst.ds("sink/" + LocalReplicationRig.CLIENT + "/" + src.name()), "zrepl:placeholder"))
                    .isEqualTo("on");

            write(src, "data", 3, 4);
            src.zfs("snapshot", src.ds("data@s3"));
            InvocationReport second = rig.invoke();
            FilesystemReport fs = fsReport(second, src.ds("data"));
            assertThat(fs.state()).isEqualTo(FilesystemState.DONE);
            assertThat(fs.stepsTotal()).isEqualTo(1);
            assertThat(snapshots(received)).containsExactly("@s2", "@s3");
            assertSameData(src.ds("data@s3"), received + "@s3");
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@s3")));
            assertThat(holds(received + "@s3")).containsExactly("zrepl_last_received_J_" + LocalReplicationRig.SINK);
            assertThat(holds(received + "@s2")).isEmpty();
        }
    }

    @Test
    void initialReplicationAllSendsEverySnapshot(TestPool src, TestPool dst) {
        src.zfs("create", src.ds("data"));
        for (int i = 1; i <= 4; i++) {
            write(src, "data", 10 + i, 2);
            src.zfs("snapshot", src.ds("data@s" + i));
        }
        try (LocalReplicationRig rig = rig(src, dst, """
                    conflict_resolution:
                      initial_replication: all
                """)) {
            assertThat(fsReport(rig.invoke(), src.ds("data")).state()).isEqualTo(FilesystemState.DONE);
            String received = rig.received("data");
            assertThat(snapshots(received)).containsExactly("@s1", "@s2", "@s3", "@s4");
            assertSameData(src.ds("data@s1"), received + "@s1");
            assertSameData(src.ds("data@s4"), received + "@s4");
        }
    }

    @Test
    void initialReplicationFailIsAConflictAndReceivesNothing(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 20, 2, "s1");
        try (LocalReplicationRig rig = rig(src, dst, """
                    conflict_resolution:
                      initial_replication: fail
                """)) {
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).isEqualTo(FilesystemState.FAILED);
            assertThat(fs.conflict()).contains(ConflictKind.INITIAL_REPLICATION_DISABLED);
            assertThat(Sh.exec("zfs", "list", rig.received("data")).ok()).isFalse();
            assertThat(bookmarks(src.ds("data"))).isEmpty();
        }
    }

    @Test
    void incrementalFromTheCursorBookmarkAfterTheSnapshotWasDestroyed(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 30, 3, "s1");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            String cursor = cursorName(src.ds("data@s1"));
            src.zfs("destroy", src.ds("data@s1")); // not held any more: the step is complete
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursor);
            write(src, "data", 31, 2);
            src.zfs("snapshot", src.ds("data@s2"));
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).as("%s", fs).isEqualTo(FilesystemState.DONE);
            assertThat(snapshots(rig.received("data"))).containsExactly("@s1", "@s2");
            assertSameData(src.ds("data@s2"), rig.received("data") + "@s2");
        }
    }

    @Test
    void catchUpOfManySnapshotsIsOneSendStreamAndKeepsEverySnapshot(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 40, 2, "s00");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            StringBuilder expected = new StringBuilder("@s00");
            for (int i = 1; i <= 12; i++) {
                write(src, "data", 40 + i, 1);
                String name = String.format("s%02d", i);
                src.zfs("snapshot", src.ds("data@" + name));
                expected.append(",@").append(name);
            }
            long sendsBefore = rig.senderZfs.runner().counter().byVerb().getOrDefault("zfs send", 0L);
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            long sends = rig.senderZfs.runner().counter().byVerb().getOrDefault("zfs send", 0L) - sendsBefore;
            System.out.println("catch-up of 12 snapshots: " + sends + " zfs send processes (incl. size estimates), "
                    + rig.senderZfs.runner().counter().byVerb());
            assertThat(fs.state()).isEqualTo(FilesystemState.DONE);
            assertThat(snapshots(rig.received("data"))).containsExactly(expected.toString().split(","));
            assertSameData(src.ds("data@s12"), rig.received("data") + "@s12");
            // one estimate and one send for the whole catch-up, not a pair per snapshot
            assertThat(sends).isLessThanOrEqualTo(2);
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@s12")));
        }
    }

    @Test
    void anInterruptedReceiveIsResumedFromItsToken(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 50, 2, "s1");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            Trees.writeRandomFiles(src.mountpoint("data"), 51, 4, 512 * 1024);
            src.zfs("snapshot", src.ds("data@s2"));
            String received = rig.received("data");
            // an incremental receive cut after 600 KiB leaves a resume token, as a killed zfs recv does
            Sh.Result cut = Sh.exec("bash", "-c", "zfs send -i @s1 " + src.ds("data@s2") + " | head -c 614400 | zfs recv -s "
                    + received);
            assertThat(cut.ok()).isFalse();
            assertThat(get(received, "receive_resume_token")).isNotEqualTo("-");
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).as("%s", fs).isEqualTo(FilesystemState.DONE);
            assertThat(get(received, "receive_resume_token")).isEqualTo("-");
            assertThat(snapshots(received)).containsExactly("@s1", "@s2");
            assertSameData(src.ds("data@s2"), received + "@s2");
        }
    }

    @Test
    void aDivergedReceiverIsAConflictAndNothingIsDestroyed(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 60, 2, "s1");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            String received = rig.received("data");
            src.zfs("snapshot", src.ds("data@s2"));
            dst.zfs("snapshot", received + "@rogue");
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).isEqualTo(FilesystemState.FAILED);
            assertThat(fs.conflict()).contains(ConflictKind.DIVERGED);
            assertThat(snapshots(received)).containsExactly("@s1", "@rogue");
        }
    }

    @Test
    void childrenWaitForTheirParentAndAFailingParentSkipsThem(TestPool src, TestPool dst) {
        src.zfs("create", src.ds("data"));
        src.zfs("create", src.ds("data/child"));
        write(src, "data/child", 70, 2);
        src.zfs("snapshot", "-r", src.ds("data@s1"));
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            InvocationReport first = rig.invoke();
            assertThat(fsReport(first, src.ds("data")).state()).isEqualTo(FilesystemState.DONE);
            assertThat(fsReport(first, src.ds("data/child")).state()).isEqualTo(FilesystemState.DONE);
            assertSameData(src.ds("data/child@s1"), rig.received("data/child") + "@s1");
            // a parent that has to be replicated initially but cannot: the child, not yet on the receiver, waits
            src.zfs("create", src.ds("data/p2"));
            src.zfs("create", src.ds("data/p2/c"));
            src.zfs("snapshot", "-r", src.ds("data@s2"));
            src.zfs("destroy", src.ds("data/p2@s2")); // p2 has no snapshot: it cannot be replicated
            InvocationReport second = rig.invoke();
            System.out.println("second: " + second);
            FilesystemReport child = fsReport(second, src.ds("data/p2/c"));
            assertThat(child.state()).isIn(FilesystemState.FAILED, FilesystemState.SKIPPED);
            assertThat(child.error()).isPresent();
            assertThat(Sh.exec("zfs", "list", rig.received("data/p2/c")).ok()).isFalse();
            assertThat(fsReport(second, src.ds("data/child")).state()).isEqualTo(FilesystemState.DONE);
        }
    }

    @Test
    void missingParentsBecomePlaceholdersAndAPlaceholderIsReplacedByItsData(TestPool src, TestPool dst) {
        src.zfs("create", src.ds("data"));
        src.zfs("create", src.ds("data/a"));
        src.zfs("create", src.ds("data/a/b"));
        write(src, "data/a/b", 80, 2);
        write(src, "data/a", 81, 2);
        src.zfs("snapshot", "-r", src.ds("data@s1"));
        // first only b is replicated: data and data/a become placeholders on the receiver
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, "\"<src>/data/a/b\": true", "",
                PLACEHOLDERS_INHERIT)) {
            rig.invoke();
            assertThat(get(rig.received("data/a"), "zrepl:placeholder")).isEqualTo("on");
            assertThat(get(rig.received("data/a"), "mountpoint")).isEqualTo("none");
            assertSameData(src.ds("data/a/b@s1"), rig.received("data/a/b") + "@s1");
        }
        // then data/a is added to the filter: the placeholder is replaced by a forced receive of its data
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir,
                "\"<src>/data/a/b\": true, \"<src>/data/a\": true", "", PLACEHOLDERS_INHERIT)) {
            FilesystemReport a = fsReport(rig.invoke(), src.ds("data/a"));
            assertThat(a.state()).as("%s", a).isEqualTo(FilesystemState.DONE);
            assertThat(get(rig.received("data/a"), "zrepl:placeholder")).isNotEqualTo("on");
            assertSameData(src.ds("data/a@s1"), rig.received("data/a") + "@s1");
            assertThat(snapshots(rig.received("data/a/b"))).containsExactly("@s1");
        }
    }

    @Test
    void rawEncryptedSendArrivesEncryptedWithTheSameData(TestPool src, TestPool dst) throws Exception {
        Path key = dir.resolve("key");
        java.nio.file.Files.writeString(key, "correct horse battery staple\n");
        src.zfs("create", "-o", "encryption=on", "-o", "keyformat=passphrase", "-o", "keylocation=file://" + key,
                src.ds("data"));
        write(src, "data", 90, 3);
        src.zfs("snapshot", src.ds("data@s1"));
        try (LocalReplicationRig rig = rig(src, dst, """
                    send:
                      encrypted: true
                """)) {
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).as("%s", fs).isEqualTo(FilesystemState.DONE);
            String received = rig.received("data");
            assertThat(get(received, "encryption")).isNotEqualTo("off");
            assertThat(get(received, "keystatus")).isEqualTo("unavailable");
            Sh.run("zfs", "load-key", "-L", "file://" + key, received);
            assertSameData(src.ds("data@s1"), received + "@s1");
        }
    }

    @Test
    void encryptedSendPolicyRefusesAnUnencryptedDataset(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 95, 1, "s1");
        try (LocalReplicationRig rig = rig(src, dst, """
                    send:
                      encrypted: true
                """)) {
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).isEqualTo(FilesystemState.FAILED);
            assertThat(fs.error()).hasValueSatisfying(e -> assertThat(e).contains(src.ds("data")));
            assertThat(Sh.exec("zfs", "list", rig.received("data")).ok()).isFalse();
        }
    }

    @Test
    void receivePropertiesOverrideAndInherit(TestPool src, TestPool dst) {
        src.zfs("create", "-o", "user:team=storage", "-o", "user:keep=me", src.ds("data"));
        write(src, "data", 100, 1);
        src.zfs("snapshot", src.ds("data@s1"));
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true", """
                    send:
                      send_properties: true
                """, """
                    recv:
                      placeholder:
                        encryption: inherit
                      properties:
                        inherit:
                          - "user:team"
                        override:
                          "user:site": "dr"
                """)) {
            assertThat(fsReport(rig.invoke(), src.ds("data")).state()).isEqualTo(FilesystemState.DONE);
            String received = rig.received("data");
            assertThat(get(received, "user:team")).isEqualTo("-");
            assertThat(get(received, "user:keep")).isEqualTo("me");
            assertThat(get(received, "user:site")).isEqualTo("dr");
        }
    }

    @Test
    void nothingChangedCostsAtMostFourZfsProcessesPerSideAndUnchangedFilesystemsAreNotListed(TestPool src,
            TestPool dst) throws InterruptedException {
        src.zfs("create", src.ds("data"));
        for (int i = 0; i < 8; i++) {
            src.zfs("create", src.ds("data/fs" + i));
        }
        src.zfs("snapshot", "-r", src.ds("data@s1"));
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            // snapshots_changed has one-second resolution: a listing in the second of a change is never reused
            Thread.sleep(1100);
            Cost second = cost(rig);
            assertThat(second.report().replication().attempts().get(0).filesystems())
                    .allSatisfy(f -> assertThat(f.state()).isEqualTo(FilesystemState.DONE));
            assertThat(second.sender()).as("sender, %s", second).isLessThanOrEqualTo(4);
            assertThat(second.receiver()).as("receiver, %s", second).isLessThanOrEqualTo(4);

            Cost third = cost(rig);
            assertThat(third.senderVerbs()).as("versions of unchanged filesystems are not listed, %s", third)
                    .doesNotContainKey("zfs list");
            assertThat(third.receiverVerbs()).as("%s", third).doesNotContainKey("zfs list");

            // one filesystem changes: only it is listed (and replicated)
            src.zfs("snapshot", src.ds("data/fs3@s2"));
            Thread.sleep(1100);
            Cost changed = cost(rig);
            assertThat(snapshots(rig.received("data/fs3"))).containsExactly("@s1", "@s2");
            assertThat(guid(rig.received("data/fs3") + "@s2")).isEqualTo(guid(src.ds("data/fs3@s2")));
            assertThat(changed.report().replication().attempts().get(0).filesystems())
                    .filteredOn(f -> f.stepsDone() > 0).extracting(FilesystemReport::filesystem)
                    .containsExactly(src.ds("data/fs3"));
        }
    }

    private record Cost(InvocationReport report, long sender, long receiver, Map<String, Long> senderVerbs,
            Map<String, Long> receiverVerbs) {
        @Override
        public String toString() {
            return "sender " + sender + " zfs processes " + senderVerbs + ", receiver " + receiver + " "
                    + receiverVerbs;
        }
    }

    /** One invocation and the zfs processes each side spawned for it, by verb. */
    private static Cost cost(LocalReplicationRig rig) {
        var s = rig.senderZfs.runner().counter();
        var r = rig.receiverZfs.runner().counter();
        long s0 = s.total();
        long r0 = r.total();
        Map<String, Long> sv0 = s.byVerb();
        Map<String, Long> rv0 = r.byVerb();
        InvocationReport report = rig.invoke();
        Cost c = new Cost(report, s.total() - s0, r.total() - r0, minus(s.byVerb(), sv0), minus(r.byVerb(), rv0));
        System.out.println("invocation cost: " + c);
        return c;
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    @Test
    void aDatasetWithHandMadeZreplAbstractionsContinuesIncrementally(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 110, 2, "zrepl_1");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            // what zrepl would have left: the received filesystem below placeholders, a cursor bookmark
            String received = rig.received("data");
            dst.zfs("create", "-p", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none",
                    dst.ds("sink/" + LocalReplicationRig.CLIENT + "/" + src.name()));
            Sh.pipe(List.of("zfs", "send", src.ds("data@zrepl_1")), List.of("zfs", "recv", received));
            src.zfs("bookmark", src.ds("data@zrepl_1"), src.ds("data") + cursorName(src.ds("data@zrepl_1")));
            src.zfs("destroy", src.ds("data@zrepl_1"));
            write(src, "data", 111, 2);
            src.zfs("snapshot", src.ds("data@zrepl_2"));
            FilesystemReport fs = fsReport(rig.invoke(), src.ds("data"));
            assertThat(fs.state()).as("%s", fs).isEqualTo(FilesystemState.DONE);
            assertThat(snapshots(received)).containsExactly("@zrepl_1", "@zrepl_2");
            assertSameData(src.ds("data@zrepl_2"), received + "@zrepl_2");
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@zrepl_2")));
        }
    }

    @Test
    void aStepReceivedButWhoseCursorWasNeverMovedIsSettledByTheNextRun(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 140, 2, "s1");
        try (LocalReplicationRig rig = rig(src, dst, "")) {
            rig.invoke();
            write(src, "data", 141, 2);
            src.zfs("snapshot", src.ds("data@s2"));
            // the daemon dies after the receive, before SendCompleted: the sender never hears the step ended
            Sender lost = new CrashBeforeSendCompleted(rig.sender());
            FilesystemReport interrupted = fsReport(rig.runner().invoke(lost, rig.receiver()), src.ds("data"));
            assertThat(interrupted.state()).as("%s", interrupted).isEqualTo(FilesystemState.FAILED);
            String received = rig.received("data");
            assertThat(snapshots(received)).containsExactly("@s1", "@s2");
            assertThat(bookmarks(src.ds("data"))).as("the cursor did not move")
                    .containsExactly(cursorName(src.ds("data@s1")));
            assertThat(holds(src.ds("data@s2"))).as("the step is still protected")
                    .contains("zrepl_STEP_J_" + LocalReplicationRig.PUSH);

            write(src, "data", 142, 2);
            src.zfs("snapshot", src.ds("data@s3"));
            FilesystemReport next = fsReport(rig.invoke(), src.ds("data"));
            assertThat(next.state()).as("%s", next).isEqualTo(FilesystemState.DONE);
            assertThat(snapshots(received)).containsExactly("@s1", "@s2", "@s3");
            assertSameData(src.ds("data@s3"), received + "@s3");
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@s3")));
            for (String snap : List.of("@s1", "@s2", "@s3")) {
                assertThat(holds(src.ds("data") + snap)).as("stale step holds released: %s", snap).isEmpty();
            }
        }
    }

    /** A sender whose SendCompleted never arrives (the active side died right after the receive). */
    private record CrashBeforeSendCompleted(Sender real) implements Sender {
        @Override
        public List<EndpointFilesystem> listFilesystems() {
            return real.listFilesystems();
        }

        @Override
        public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
            return real.listVersions(filesystems);
        }

        @Override
        public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
            return real.destroySnapshots(filesystem, snapshots);
        }

        @Override
        public long estimateSize(StepRequest step) {
            return real.estimateSize(step);
        }

        @Override
        public OutgoingStream send(StepRequest step) {
            return real.send(step);
        }

        @Override
        public void sendCompleted(StepRequest step) {
            throw new IllegalStateException("simulated crash before SendCompleted of " + step.describe());
        }

        @Override
        public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
            return real.replicationCursors(filesystems);
        }
    }

    @Test
    void switchingGuaranteeModeCleansUpTheOldModesAbstractions(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 120, 2, "s1");
        // leftovers of an interrupted step under guarantee_resumability: a step hold on s1
        src.zfs("hold", "zrepl_STEP_J_" + LocalReplicationRig.PUSH, src.ds("data@s1"));
        try (LocalReplicationRig rig = rig(src, dst, """
                    replication:
                      protection:
                        initial: guarantee_incremental
                        incremental: guarantee_incremental
                """)) {
            rig.invoke();
            src.zfs("snapshot", src.ds("data@s2"));
            assertThat(fsReport(rig.invoke(), src.ds("data")).state()).isEqualTo(FilesystemState.DONE);
            assertThat(holds(src.ds("data@s1"))).isEmpty();
            assertThat(holds(src.ds("data@s2"))).isEmpty();
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@s2")));
        }
    }

    @Test
    void pruningRunsOnBothSidesAndKeepsWhatTheChainNeeds(TestPool src, TestPool dst) {
        createDataWithSnapshot(src, 130, 2, "zrepl_1");
        String rules = """
                pruning:
                  keep_sender:
                    - type: not_replicated
                    - type: last_n
                      count: 1
                  keep_receiver:
                    - type: last_n
                      count: 2
            """;
        try (LocalReplicationRig rig = new LocalReplicationRig(src, dst, dir, "\"<src>/data<\": true", "",
                PLACEHOLDERS_INHERIT, rules)) {
            for (int i = 2; i <= 4; i++) {
                rig.invoke();
                src.zfs("snapshot", src.ds("data@zrepl_" + i));
            }
            InvocationReport last = rig.invoke();
            System.out.println("pruning: " + last.senderPruning() + " / " + last.receiverPruning());
            assertThat(snapshots(src.ds("data"))).containsExactly("@zrepl_4");
            assertThat(snapshots(rig.received("data"))).containsExactly("@zrepl_3", "@zrepl_4");
            assertThat(bookmarks(src.ds("data"))).containsExactly(cursorName(src.ds("data@zrepl_4")));
            assertSameData(src.ds("data@zrepl_4"), rig.received("data") + "@zrepl_4");
        }
    }
}
