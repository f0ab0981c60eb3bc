package io.zreplcamel.processors.replication.guarantee;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StaleAbstractionsTest {

    private static final Instant T = Instant.EPOCH;
    private static final String FS = "p/a";

    private static FilesystemVersion snap(long txg) {
        return FilesystemVersion.snapshot("s" + txg, 1000 + txg, txg, T);
    }

    private static Abstraction step(long txg, String job) {
        return new Abstraction(AbstractionType.STEP_HOLD, FS, "s" + txg, 1000 + txg, txg, Optional.of(job));
    }

    private static Abstraction bm(AbstractionType type, long txg, String job) {
        long guid = 1000 + txg;
        String name = type == AbstractionType.REPLICATION_CURSOR_V2 ? AbstractionNames.cursor(guid, job)
                : AbstractionNames.tentativeCursor(guid, job);
        return new Abstraction(type, FS, name, guid, txg, Optional.of(job));
    }

    private static Abstraction lastReceived(long txg, String job) {
        return new Abstraction(AbstractionType.LAST_RECEIVED_HOLD, FS, "s" + txg, 1000 + txg, txg, Optional.of(job));
    }

    @Test
    void resumabilityBeforeSendKeepsTheNewHoldsAndDropsOlderOnes() {
        GuaranteeActions g = GuaranteeActions.beforeSend(GuaranteeKind.GUARANTEE_RESUMABILITY, "push",
                Optional.of(snap(5)), snap(6));
        assertThat(g.stepHolds()).containsExactly(snap(5), snap(6));
        assertThat(g.holdTag()).isEqualTo("zrepl_STEP_J_push");
        assertThat(g.bookmarks()).isEmpty();
        List<Abstraction> existing = List.of(step(3, "push"), step(4, "push"), step(5, "push"), step(3, "other"),
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 2, "push"),
                bm(AbstractionType.REPLICATION_CURSOR_V2, 4, "push"), lastReceived(2, "push"));
        assertThat(g.toDestroy(FS, existing, Optional.of(snap(5)), snap(6))).containsExactly(step(3, "push"),
                step(4, "push"), bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 2, "push"));
    }

    @Test
    void incrementalBeforeSendMakesTentativeCursorsAndKeepsABookmarkFrom() {
        FilesystemVersion fromBm = FilesystemVersion.bookmark(AbstractionNames.tentativeCursor(1002, "push"), 1002,
                2, T);
        GuaranteeActions g = GuaranteeActions.beforeSend(GuaranteeKind.GUARANTEE_INCREMENTAL, "push",
                Optional.of(fromBm), snap(6));
        assertThat(g.stepHolds()).isEmpty();
        assertThat(g.bookmarks()).extracting(GuaranteeActions.NewBookmark::name)
                .containsExactly("zrepl_CURSORTENTATIVE__G_00000000000003ee_J_push");
        List<Abstraction> existing = List.of(bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 2, "push"),
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 1, "push"), step(4, "push"));
        assertThat(g.toDestroy(FS, existing, Optional.of(fromBm), snap(6))).containsExactly(
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 1, "push"), step(4, "push"));
    }

    @Test
    void nothingMakesNothingButStillCleansUp() {
        GuaranteeActions g = GuaranteeActions.beforeSend(GuaranteeKind.GUARANTEE_NOTHING, "push", Optional.empty(),
                snap(6));
        assertThat(g.stepHolds()).isEmpty();
        assertThat(g.bookmarks()).isEmpty();
        assertThat(g.toDestroy(FS, List.of(step(4, "push")), Optional.empty(), snap(6)))
                .containsExactly(step(4, "push"));
    }

    @Test
    void sendCompletedMovesTheCursor() {
        GuaranteeActions g = GuaranteeActions.atSendCompleted(GuaranteeKind.GUARANTEE_INCREMENTAL, "push", snap(6));
        assertThat(g.bookmarks()).extracting(GuaranteeActions.NewBookmark::name)
                .containsExactly("zrepl_CURSOR_G_00000000000003ee_J_push");
        List<Abstraction> existing = List.of(bm(AbstractionType.REPLICATION_CURSOR_V2, 4, "push"),
                bm(AbstractionType.REPLICATION_CURSOR_V2, 6, "push"), step(6, "push"),
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 6, "push"),
                bm(AbstractionType.REPLICATION_CURSOR_V2, 4, "other"), lastReceived(4, "push"));
        assertThat(g.toDestroy(FS, existing, Optional.of(snap(4)), snap(6))).containsExactly(
                bm(AbstractionType.REPLICATION_CURSOR_V2, 4, "push"), step(6, "push"),
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 6, "push"));
    }

    @Test
    void sendCompletedWithNothingDestroysTheCursorsToo() {
        GuaranteeActions g = GuaranteeActions.atSendCompleted(GuaranteeKind.GUARANTEE_NOTHING, "push", snap(6));
        assertThat(g.bookmarks()).isEmpty();
        assertThat(g.toDestroy(FS, List.of(bm(AbstractionType.REPLICATION_CURSOR_V2, 6, "push")), Optional.empty(),
                snap(6))).hasSize(1);
    }

    @Test
    void listStaleFollowsZrepl() {
        List<Abstraction> all = List.of(
                bm(AbstractionType.REPLICATION_CURSOR_V2, 5, "push"), bm(AbstractionType.REPLICATION_CURSOR_V2, 3,
                        "push"),
                step(4, "push"), step(5, "push"), step(6, "push"),
                step(2, "nocursor"), step(7, "nocursor"), step(7, "nocursor2"),
                lastReceived(1, "sink"), lastReceived(2, "sink"),
                bm(AbstractionType.TENTATIVE_REPLICATION_CURSOR, 1, "push"),
                new Abstraction(AbstractionType.REPLICATION_CURSOR_V1, FS, AbstractionNames.V1_CURSOR, 9, 1,
                        Optional.empty()));
        assertThat(StaleAbstractions.listStale(all)).containsExactlyInAnyOrder(
                bm(AbstractionType.REPLICATION_CURSOR_V2, 3, "push"), step(4, "push"), step(5, "push"),
                step(2, "nocursor"), lastReceived(1, "sink"));
    }

    // ------------------------------------------------------------------ properties

    @Provide
    Arbitrary<List<Abstraction>> onDisk() {
        Arbitrary<Abstraction> one = Combinators.combine(
                Arbitraries.of(AbstractionType.STEP_HOLD, AbstractionType.TENTATIVE_REPLICATION_CURSOR,
                        AbstractionType.REPLICATION_CURSOR_V2, AbstractionType.LAST_RECEIVED_HOLD),
                Arbitraries.longs().between(1, 12), Arbitraries.of("push", "other"))
                .as((type, txg, job) -> switch (type) {
                    case STEP_HOLD -> step(txg, job);
                    case LAST_RECEIVED_HOLD -> lastReceived(txg, job);
                    default -> bm(type, txg, job);
                });
        return one.list().ofMaxSize(20).uniqueElements();
    }

    @Property(tries = 300)
    void beforeSendTouchesOnlyTheJobsStepProtectionAndNeverFromOrTo(@ForAll("onDisk") List<Abstraction> existing,
            @ForAll GuaranteeKind mode, @ForAll boolean incremental) {
        Optional<FilesystemVersion> from = incremental ? Optional.of(snap(5)) : Optional.empty();
        GuaranteeActions g = GuaranteeActions.beforeSend(mode, "push", from, snap(8));
        List<Abstraction> destroy = g.toDestroy(FS, existing, from, snap(8));
        List<Long> kept = incremental ? List.of(5L, 8L) : List.of(8L);
        assertThat(existing).containsAll(destroy);
        for (Abstraction a : destroy) {
            assertThat(a.jobId()).contains("push");
            assertThat(a.type()).isIn(AbstractionType.STEP_HOLD, AbstractionType.TENTATIVE_REPLICATION_CURSOR);
            assertThat(a.createTxg()).isNotIn(kept);
        }
        // everything else of the job's step protection goes: after the step only from/to remain protected
        List<Abstraction> remaining = new ArrayList<>(existing);
        remaining.removeAll(destroy);
        for (Abstraction a : remaining) {
            boolean stepProtection = a.type() == AbstractionType.STEP_HOLD
                    || a.type() == AbstractionType.TENTATIVE_REPLICATION_CURSOR;
            if (stepProtection && a.belongsTo("push")) {
                assertThat(a.createTxg()).isIn(kept);
            }
        }
    }

    @Property(tries = 300)
    void sendCompletedLeavesAtMostTheNewCursorOfTheJob(@ForAll("onDisk") List<Abstraction> existing,
            @ForAll GuaranteeKind mode) {
        GuaranteeActions g = GuaranteeActions.atSendCompleted(mode, "push", snap(8));
        List<Abstraction> remaining = new ArrayList<>(existing);
        remaining.removeAll(g.toDestroy(FS, existing, Optional.of(snap(5)), snap(8)));
        List<Abstraction> jobsSenderSide = remaining.stream().filter(a -> a.belongsTo("push")
                && a.type() != AbstractionType.LAST_RECEIVED_HOLD).toList();
        if (mode == GuaranteeKind.GUARANTEE_NOTHING) {
            assertThat(jobsSenderSide).isEmpty();
        } else {
            assertThat(jobsSenderSide).allSatisfy(a -> {
                assertThat(a.type()).isEqualTo(AbstractionType.REPLICATION_CURSOR_V2);
                assertThat(a.guid()).isEqualTo(snap(8).guid());
            });
        }
        assertThat(remaining).containsAll(existing.stream().filter(a -> !a.belongsTo("push")
                || a.type() == AbstractionType.LAST_RECEIVED_HOLD).toList());
    }

    @Property(tries = 300)
    void listStaleNeverReportsTheNewestCursorOrLastReceivedHold(@ForAll("onDisk") List<Abstraction> all) {
        List<Abstraction> stale = StaleAbstractions.listStale(all);
        assertThat(all).containsAll(stale);
        for (String job : List.of("push", "other")) {
            for (AbstractionType t : List.of(AbstractionType.REPLICATION_CURSOR_V2,
                    AbstractionType.LAST_RECEIVED_HOLD)) {
                all.stream().filter(a -> a.type() == t && a.belongsTo(job))
                        .max(java.util.Comparator.comparingLong(Abstraction::createTxg))
                        .ifPresent(newest -> assertThat(stale).doesNotContain(newest));
            }
        }
        assertThat(stale).noneMatch(a -> a.type() == AbstractionType.TENTATIVE_REPLICATION_CURSOR);
    }
}
