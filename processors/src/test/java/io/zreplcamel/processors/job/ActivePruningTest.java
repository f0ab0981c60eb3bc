package io.zreplcamel.processors.job;

import static io.zreplcamel.processors.testing.Jobs.lastN;
import static io.zreplcamel.processors.testing.Jobs.notReplicated;
import static io.zreplcamel.processors.testing.Jobs.push;
import static io.zreplcamel.processors.testing.Jobs.regex;
import static io.zreplcamel.processors.testing.Versions.bookmarkOf;
import static io.zreplcamel.processors.testing.Versions.snap;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.testing.FakeReceiver;
import io.zreplcamel.processors.testing.FakeSender;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivePruningTest {

    private static final GuaranteeKind RESUMABILITY = GuaranteeKind.GUARANTEE_RESUMABILITY;
    private static final GuaranteeKind NOTHING = GuaranteeKind.GUARANTEE_NOTHING;

    private final FakeSender sender = new FakeSender();
    private final FakeReceiver receiver = new FakeReceiver(sender);
    private final FilesystemVersion[] s = {snap("s1", 1), snap("s2", 2), snap("s3", 3), snap("s4", 4),
            snap("s5", 5)};

    private PruningReport prune(PruneSide side, io.zreplcamel.config.model.PushJob job) {
        return new ActivePruning(job, side).prune(sender, receiver);
    }

    @Test
    void keepRulesOfEachSideApplyToThatSide() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        var job = push(List.of(notReplicated(), lastN(2)), List.of(lastN(3)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);
        PruningReport rr = prune(PruneSide.RECEIVER, job);

        assertThat(sr.side()).isEqualTo("sender");
        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2", "pool/a@s3");
        assertThat(sender.snapshotNames("pool/a")).containsExactly("s4", "s5");
        assertThat(rr.side()).isEqualTo("receiver");
        assertThat(rr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("s3", "s4", "s5");
        assertThat(sr.successful()).isTrue();
        assertThat(rr.successful()).isTrue();
    }

    @Test
    void notReplicatedKeepsEverythingFromTheCursorOn() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        sender.cursor("pool/a", bookmarkOf(s[2], "cursor"));
        var job = push(List.of(notReplicated(), lastN(1)), List.of(lastN(1)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);

        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(sender.snapshotNames("pool/a")).containsExactly("s3", "s4", "s5");
    }

    @Test
    void receiverNeverDestroysTheSnapshotAtTheCursor() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        sender.cursor("pool/a", bookmarkOf(s[1], "cursor"));
        // a rule that keeps nothing the job made: zrepl would destroy the base (and rely on a hold to fail)
        var job = push(List.of(lastN(1)), List.of(regex("^manual_")), RESUMABILITY);

        ActivePruning pruning = new ActivePruning(job, PruneSide.RECEIVER);
        List<FilesystemPrunePlan> plans = pruning.plan(sender, receiver);
        PruningReport rr = pruning.prune(sender, receiver);

        assertThat(plans.get(0).plan().toKeep()).extracting(x -> x.name()).containsExactly("s2");
        assertThat(plans.get(0).plan().decisions()).filteredOn(d -> d.snapshot().name().equals("s2"))
                .allSatisfy(d -> assertThat(d.keptBy()).containsExactly(ActivePruning.BASE_REASON));
        assertThat(rr.destroyed()).containsExactly("pool/a@s1", "pool/a@s3");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("s2");
    }

    @Test
    void senderSnapshotAtARealCursorIsLeftToTheRules() {
        sender.filesystem("pool/a", s[0], s[1]);
        receiver.filesystem("pool/a", s[0], s[1]);
        sender.cursor("pool/a", bookmarkOf(s[1], "cursor"));
        var job = push(List.of(regex("^manual_")), List.of(lastN(5)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);

        // the cursor bookmark is the incremental base; the snapshot may go, as in zrepl
        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
    }

    @Test
    void withoutACursorNothingIsPrunedAndTheReportSaysWhy() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        var job = push(List.of(notReplicated(), lastN(1)), List.of(lastN(1)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);
        PruningReport rr = prune(PruneSide.RECEIVER, job);

        assertThat(sr.destroyed()).isEmpty();
        assertThat(sr.failed()).containsOnlyKeys("pool/a");
        assertThat(sr.failed().get("pool/a")).contains("replication cursor bookmark does not exist");
        assertThat(rr.destroyed()).isEmpty();
        assertThat(rr.failed()).containsOnlyKeys("pool/a");
        assertThat(sender.snapshotNames("pool/a")).hasSize(5);
        assertThat(receiver.snapshotNames("pool/a")).hasSize(3);
    }

    @Test
    void guaranteeNothingUsesTheNewestCommonSnapshotAsCursor() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        var job = push(List.of(notReplicated(), lastN(1)), List.of(regex("^manual_")), NOTHING);

        PruningReport sr = prune(PruneSide.SENDER, job);
        PruningReport rr = prune(PruneSide.RECEIVER, job);

        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(sender.snapshotNames("pool/a")).containsExactly("s3", "s4", "s5");
        assertThat(rr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("s3");
        assertThat(sr.successful()).isTrue();
    }

    @Test
    void guaranteeNothingSenderNeverDestroysTheCommonBaseEvenWithoutNotReplicated() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        var job = push(List.of(lastN(1)), List.of(lastN(1)), NOTHING);

        PruningReport sr = prune(PruneSide.SENDER, job);

        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2", "pool/a@s4");
        assertThat(sender.snapshotNames("pool/a")).containsExactly("s3", "s5");
    }

    @Test
    void guaranteeNothingWithoutCommonSnapshotDoesNotPrune() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", snap("other", 9));
        sender.filesystem("pool/b", s[0], s[1]);
        var job = push(List.of(notReplicated(), lastN(1)), List.of(lastN(1)), NOTHING);

        PruningReport sr = prune(PruneSide.SENDER, job);

        assertThat(sr.destroyed()).isEmpty();
        assertThat(sr.failed()).containsOnlyKeys("pool/a", "pool/b");
        assertThat(sr.failed().get("pool/a")).contains("no snapshot common to sender and receiver");
        assertThat(sender.snapshotNames("pool/a")).hasSize(5);
    }

    @Test
    void oneListingPerSideAndOneCursorCall() {
        for (String fs : List.of("pool/a", "pool/b", "pool/c")) {
            sender.filesystem(fs, s);
            receiver.filesystem(fs, s);
            sender.cursor(fs, bookmarkOf(s[4], "cursor"));
        }
        var job = push(List.of(notReplicated(), lastN(2)), List.of(lastN(2)), RESUMABILITY);

        prune(PruneSide.RECEIVER, job);

        assertThat(receiver.listVersionsCalls).hasValue(1);
        assertThat(receiver.listFilesystemsCalls).hasValue(1);
        assertThat(sender.listFilesystemsCalls).hasValue(1);
        assertThat(sender.listVersionsCalls).hasValue(0);
        assertThat(sender.cursorCalls).hasValue(1);
        assertThat(receiver.calls.stream().filter(c -> c.startsWith("destroySnapshots"))).hasSize(3);
    }

    @Test
    void guaranteeNothingListsTheOtherSideOnlyForFilesystemsWithoutCursor() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s);
        sender.filesystem("pool/b", s);
        receiver.filesystem("pool/b", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        var job = push(List.of(notReplicated()), List.of(lastN(1)), NOTHING);

        prune(PruneSide.RECEIVER, job);

        assertThat(sender.listVersionsArguments).containsExactly(List.of("pool/b"));
        assertThat(receiver.listVersionsCalls).hasValue(1);
    }

    @Test
    void placeholdersAndReceiverOnlyFilesystemsAreLeftAlone() {
        sender.filesystem("pool/a", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        receiver.placeholder("pool");
        receiver.filesystem("pool/a", s);
        receiver.filesystem("pool/old", s);
        sender.filesystem("pool");
        var job = push(List.of(lastN(1)), List.of(lastN(1)), RESUMABILITY);

        PruningReport rr = prune(PruneSide.RECEIVER, job);

        assertThat(rr.destroyed()).containsExactly("pool/a@s1", "pool/a@s2", "pool/a@s3", "pool/a@s4");
        assertThat(receiver.snapshotNames("pool/old")).hasSize(5);
        assertThat(rr.failed()).doesNotContainKeys("pool", "pool/old");
    }

    @Test
    void destroyFailuresAreReportedPerSnapshot() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        sender.undestroyable("pool/a", "s2", "dataset is busy (held: zrepl_STEP_J_push)");
        var job = push(List.of(notReplicated(), lastN(1)), List.of(lastN(1)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);

        assertThat(sr.destroyed()).containsExactly("pool/a@s1", "pool/a@s3", "pool/a@s4");
        assertThat(sr.failed()).containsEntry("pool/a@s2", "dataset is busy (held: zrepl_STEP_J_push)");
        assertThat(sr.successful()).isFalse();
    }

    @Test
    void listingErrorIsTheReportsError() {
        sender.filesystem("pool/a", s);
        sender.listFilesystemsFailures.add(new IllegalStateException("zfs list: permission denied"));
        var job = push(List.of(lastN(1)), List.of(lastN(1)), RESUMABILITY);

        PruningReport sr = prune(PruneSide.SENDER, job);

        assertThat(sr.error()).hasValueSatisfying(e -> assertThat(e).contains("permission denied"));
        assertThat(sender.snapshotNames("pool/a")).hasSize(5);
    }

    @Test
    void bookmarksAreNeverDestroyed() {
        sender.filesystem("pool/a", s);
        sender.filesystem("pool/a", bookmarkOf(s[0], "b1"));
        receiver.filesystem("pool/a", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        var job = push(List.of(lastN(1)), List.of(lastN(1)), RESUMABILITY);

        prune(PruneSide.SENDER, job);

        assertThat(sender.versionsOf("pool/a")).extracting(FilesystemVersion::name).containsExactly("s5", "b1");
    }
}
