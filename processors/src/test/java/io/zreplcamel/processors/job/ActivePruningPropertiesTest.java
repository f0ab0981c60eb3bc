package io.zreplcamel.processors.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.testing.FakeReceiver;
import io.zreplcamel.processors.testing.FakeSender;
import io.zreplcamel.processors.testing.Jobs;
import io.zreplcamel.processors.testing.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Pruning both sides of a replication, over random histories (which snapshots reached the receiver, where the cursor
 * is, guarantee mode) and random keep rules: whatever the rules say, the base of the next incremental survives.
 */
class ActivePruningPropertiesTest {

    private static final String FS = "pool/data";

    @Property(tries = 2_000)
    void neverDestroysTheIncrementalBase(@ForAll @IntRange(min = 1, max = 10) int count,
                                         @ForAll long receiverMask, @ForAll long manualMask,
                                         @ForAll @IntRange(min = -1, max = 9) int cursorAt,
                                         @ForAll boolean senderSnapshotAtCursorGone,
                                         @ForAll boolean guaranteeNothing,
                                         @ForAll("rules") List<KeepRule> keepSender,
                                         @ForAll("rules") List<KeepRule> keepReceiver) {
        FakeSender sender = new FakeSender();
        FakeReceiver receiver = new FakeReceiver(sender);
        List<FilesystemVersion> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = ((manualMask >> i) & 1) == 1 ? "manual_" + i : "zrepl_" + i;
            all.add(FilesystemVersion.snapshot(name, Versions.guid(name, i + 1), i + 1,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(1200L * i)));
        }
        List<FilesystemVersion> onReceiver = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (((receiverMask >> i) & 1) == 1) {
                onReceiver.add(all.get(i));
            }
        }
        sender.filesystem(FS, all.toArray(FilesystemVersion[]::new));
        receiver.filesystem(FS, onReceiver.toArray(FilesystemVersion[]::new));
        // a cursor exists only for a snapshot the receiver got, and never with guarantee_nothing
        OptionalLong cursor = OptionalLong.empty();
        if (!guaranteeNothing && cursorAt >= 0 && cursorAt < count && onReceiver.contains(all.get(cursorAt))) {
            FilesystemVersion c = all.get(cursorAt);
            sender.cursor(FS, Versions.bookmarkOf(c, "cursor"));
            sender.filesystem(FS, Versions.bookmarkOf(c, "cursor"));
            if (senderSnapshotAtCursorGone) {
                sender.removeVersion(FS, c);
            }
            cursor = OptionalLong.of(c.guid());
        }
        OptionalLong common = ActivePruning.newestCommonSnapshot(sender.versionsOf(FS), receiver.versionsOf(FS));
        int senderSnapshotsBefore = sender.snapshotNames(FS).size();
        int receiverSnapshotsBefore = receiver.snapshotNames(FS).size();
        Set<Long> senderBefore = guids(sender.versionsOf(FS));
        Set<Long> receiverBefore = guids(receiver.versionsOf(FS));
        PushJob job = Jobs.push(keepSender, keepReceiver, guaranteeNothing ? GuaranteeKind.GUARANTEE_NOTHING
                : GuaranteeKind.GUARANTEE_RESUMABILITY);

        PruningReport sr = new ActivePruning(job, PruneSide.SENDER).prune(sender, receiver);
        PruningReport rr = new ActivePruning(job, PruneSide.RECEIVER).prune(sender, receiver);

        Set<Long> senderAfter = guids(sender.versionsOf(FS));
        Set<Long> receiverAfter = guids(receiver.versionsOf(FS));
        assertThat(sr.error()).isEmpty();
        assertThat(rr.error()).isEmpty();
        if (cursor.isPresent()) {
            long c = cursor.getAsLong();
            assertThat(receiverAfter).as("receiver snapshot at the cursor").contains(c);
            assertThat(senderAfter).as("the cursor bookmark (or its snapshot)").contains(c);
            boolean notReplicated = keepSender.stream().anyMatch(r -> r instanceof KeepRule.NotReplicated);
            // zrepl decides once per side: one keep_snapshot_at_cursor=false makes the cursor snapshot replicated
            boolean atCursorKept = keepSender.stream().noneMatch(r -> r instanceof KeepRule.NotReplicated n
                    && !n.keepSnapshotAtCursor());
            if (notReplicated && !senderSnapshotAtCursorGone) {
                assertThat(sender.snapshotNames(FS)).as("not_replicated keeps everything newer than the cursor")
                        .containsAll(all.stream().filter(v -> v.createTxg() > txgOf(all, c)
                                || (atCursorKept && v.guid() == c)).map(FilesystemVersion::name).toList());
            }
        } else if (guaranteeNothing && common.isPresent()) {
            assertThat(senderAfter).as("newest common snapshot on the sender").contains(common.getAsLong());
            assertThat(receiverAfter).as("newest common snapshot on the receiver").contains(common.getAsLong());
        } else {
            assertThat(senderAfter).as("no cursor, no stand-in: sender untouched").isEqualTo(senderBefore);
            assertThat(receiverAfter).as("no cursor, no stand-in: receiver untouched").isEqualTo(receiverBefore);
            if (!onReceiver.isEmpty()) {
                assertThat(sr.failed()).containsKey(FS);
            }
        }
        // destroyed is exactly what disappeared
        assertThat(sr.destroyed()).hasSize(senderSnapshotsBefore - sender.snapshotNames(FS).size());
        assertThat(rr.destroyed()).hasSize(receiverSnapshotsBefore - receiver.snapshotNames(FS).size());
    }

    private static long txgOf(List<FilesystemVersion> all, long guid) {
        return all.stream().filter(v -> v.guid() == guid).findFirst().orElseThrow().createTxg();
    }

    private static Set<Long> guids(List<FilesystemVersion> vs) {
        Set<Long> out = new HashSet<>();
        vs.forEach(v -> out.add(v.guid()));
        return out;
    }

    @Provide
    Arbitrary<List<KeepRule>> rules() {
        Arbitrary<KeepRule> rule = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(k -> (KeepRule) new KeepRule.NotReplicated(k)),
                Arbitraries.integers().between(1, 4).map(n -> (KeepRule) new KeepRule.LastN(n, null)),
                Arbitraries.of("^zrepl_", "^manual_", "^nothing$")
                        .map(r -> (KeepRule) new KeepRule.Regex(GoRegex.compile(r), false)),
                Arbitraries.of("1x1h(keep=all)|2x1h", "1x30m|1x1h", "3x20m(keep=2)")
                        .map(g -> (KeepRule) new KeepRule.Grid(RetentionGrid.parse(g), GoRegex.compile("^zrepl_"))));
        return rule.list().ofMinSize(1).ofMaxSize(3);
    }
}
