package io.zreplcamel.processors.pruning;

import io.zreplcamel.processors.model.FilesystemVersion;
import static io.zreplcamel.processors.pruning.Snaps.grid;
import static io.zreplcamel.processors.pruning.Snaps.minutes;
import static io.zreplcamel.processors.pruning.Snaps.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrunePlannerTest {

    @Test
    void destroysOnlyWhatNoRuleKeepsAndSaysWhoKeptTheRest() {
        List<PruneSnapshot> snaps = List.of(minutes("zrepl_1", -50), minutes("manual_x", -40),
                minutes("zrepl_2", -30), minutes("zrepl_3", -10));
        PrunePlanner planner = PrunePlanner.of(PruneSide.LOCAL,
                List.of(LastNRule.of(1), RetentionRules.regex("^manual_", false)));
        PrunePlan plan = planner.plan(snaps);
        assertThat(plan.destroyNames()).containsExactly("zrepl_1", "zrepl_2");
        assertThat(plan.decisions()).extracting(d -> d.snapshot().name())
                .containsExactly("zrepl_1", "manual_x", "zrepl_2", "zrepl_3");
        assertThat(plan.decisions().get(1).keptBy()).containsExactly("regex(\"^manual_\")");
        assertThat(plan.decisions().get(3).keptBy()).containsExactly("last_n(count=1)");
    }

    @Test
    void aSnapshotKeptBySeveralRulesListsThemAll() {
        PrunePlanner planner = PrunePlanner.of(PruneSide.LOCAL,
                List.of(LastNRule.of(1), RetentionRules.regex("zrepl", false)));
        PrunePlan plan = planner.plan(List.of(minutes("zrepl_1", 0)));
        assertThat(plan.decisions().get(0).keptBy()).containsExactly("last_n(count=1)", "regex(\"zrepl\")");
    }

    @Test
    void noRulesDestroyNothing() {
        PrunePlan plan = PrunePlanner.of(PruneSide.LOCAL, List.of()).plan(List.of(minutes("a", 0)));
        assertThat(plan.toDestroy()).isEmpty();
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> PrunePlanner.of(PruneSide.LOCAL, List.of(LastNRule.of(1)))
                .plan(List.of(minutes("a", 0), minutes("a", -1))))
                .hasMessage("snapshot \"a\" is listed twice");
    }

    @Test
    void gridDestroysTheNewestLikeZreplUnlessProtected() {
        List<PruneSnapshot> snaps = List.of(minutes("zrepl_a", -45), minutes("zrepl_b", -30), minutes("zrepl_c", 0));
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.RECEIVER, List.of(grid("1x1h|24x1h", "^zrepl_")));
        assertThat(zrepl.plan(snaps).destroyNames()).containsExactly("zrepl_b", "zrepl_c");
        PrunePlanner safe = zrepl.protectingNewest();
        PrunePlan plan = safe.plan(snaps);
        assertThat(plan.destroyNames()).containsExactly("zrepl_b");
        // the grid's own decision is unchanged; the extra keep is the protection's, and says so
        assertThat(plan.decisions().get(0).keptBy()).containsExactly("grid(1x1h | 24x1h, regex=\"^zrepl_\")");
        assertThat(plan.decisions().get(2).keptBy()).containsExactly(NewestSnapshotProtection.REASON);
        assertThat(plan.decisions().get(2).keptByProtectionOnly()).isTrue();
    }

    @Test
    void protectionAddsNoReasonWhenARuleKeepsTheNewest() {
        List<PruneSnapshot> snaps = List.of(minutes("zrepl_a", -45), minutes("zrepl_c", 0));
        PrunePlan plan = PrunePlanner.of(PruneSide.LOCAL,
                List.of(grid("1x1h(keep=all)|24x1h", "^zrepl_"))).protectingNewest().plan(snaps);
        assertThat(plan.toDestroy()).isEmpty();
        assertThat(plan.decisions()).allSatisfy(d -> assertThat(d.keptBy())
                .containsExactly("grid(1x1h(keep=all) | 24x1h, regex=\"^zrepl_\")"));
    }

    @Test
    void theSnapshotOnlyThePreviousRunProtectedIsHiddenFromTheRules() {
        // 00:00 and 00:45 existed when 00:45 was taken: the grid kept 00:00 and destroyed 00:45, the protection
        // kept it. At 01:00 zrepl would see {00:00, 01:00} and keep both; so do we, and 00:45 goes.
        List<PruneSnapshot> snaps = List.of(minutes("zrepl_0000", 0), minutes("zrepl_0045", 45),
                minutes("zrepl_0100", 60));
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.LOCAL, List.of(grid("1x1h|24x1h", "^zrepl_")));
        PrunePlan plan = zrepl.protectingNewest().plan(snaps);
        assertThat(plan.destroyNames()).containsExactly("zrepl_0045");
        assertThat(plan.decisions().get(1).note()).isEqualTo(NewestSnapshotProtection.PREVIOUSLY_PROTECTED_NOTE);
        assertThat(plan.decisions().get(2).keptBy()).containsExactly("grid(1x1h | 24x1h, regex=\"^zrepl_\")");
        assertThat(zrepl.plan(List.of(snaps.get(0), snaps.get(2))).destroyNames()).isEmpty();
    }

    @Test
    void aSecondNewestTheRulesKeptIsAnOrdinarySnapshot() {
        // 00:00 and 01:10: when 01:10 was the newest the grid kept it (interval 2 holds 00:00); nothing is hidden
        List<PruneSnapshot> snaps = List.of(minutes("zrepl_0000", 0), minutes("zrepl_0110", 70),
                minutes("zrepl_0125", 85));
        PrunePlan plan = PrunePlanner.of(PruneSide.LOCAL, List.of(grid("1x1h|24x1h", "^zrepl_")))
                .protectingNewest().plan(snaps);
        assertThat(plan.decisions()).extracting(PruneDecision::note).containsOnly("");
        assertThat(plan.toDestroy()).isEmpty();
        assertThat(plan.decisions().get(2).keptBy()).containsExactly(NewestSnapshotProtection.REASON);
    }

    @Test
    void zreplGridIsNotIdempotentWhenNowIsDestroyed() {
        // Documented zrepl behaviour: after "now" goes, the next run measures from an older snapshot.
        List<PruneSnapshot> snaps = List.of(minutes("s0", 0), minutes("s50", 50), minutes("s70", 70),
                minutes("s100", 100));
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.LOCAL, List.of(grid("1x1h|1x1h")));
        List<PruneSnapshot> survivors = zrepl.plan(snaps).toKeep();
        assertThat(names(survivors)).containsExactly("s0", "s50");
        assertThat(zrepl.plan(survivors).destroyNames()).containsExactly("s50");
        // with the protection "now" survives. This list is not one zrepl leaves behind (s50 would have gone when
        // it was the newest), so a second run (a wakeup) still hands s50's slot to s100, once; then it is stable.
        PrunePlanner safe = zrepl.protectingNewest();
        List<PruneSnapshot> safeSurvivors = safe.plan(snaps).toKeep();
        assertThat(names(safeSurvivors)).containsExactly("s0", "s50", "s100");
        PrunePlan again = safe.plan(safeSurvivors);
        assertThat(again.destroyNames()).containsExactly("s50");
        assertThat(again.decisions().get(1).note()).isEqualTo(NewestSnapshotProtection.PREVIOUSLY_PROTECTED_NOTE);
        assertThat(safe.plan(again.toKeep()).toDestroy()).isEmpty();
    }

    // --- cursor marks and not_replicated ---

    static final Instant T0 = Snaps.BASE;

    static List<FilesystemVersion> versions() {
        return List.of(
                FilesystemVersion.snapshot("s1", 101, 10, T0),
                FilesystemVersion.snapshot("s2", 102, 20, T0.plusSeconds(60)),
                FilesystemVersion.bookmark("s2", 102, 20, T0.plusSeconds(60)),
                FilesystemVersion.snapshot("s3", 103, 30, T0.plusSeconds(120)),
                FilesystemVersion.snapshot("s4", 104, 40, T0.plusSeconds(180)));
    }

    @Test
    void marksSnapshotsOlderThanTheCursorAsReplicated() {
        assertThat(ReplicationMarks.mark(versions(), 103, false))
                .extracting(PruneSnapshot::name, PruneSnapshot::replicated)
                .containsExactly(tuple("s1", true), tuple("s2", true), tuple("s3", false), tuple("s4", false));
        assertThat(ReplicationMarks.mark(versions(), 103, true))
                .extracting(PruneSnapshot::replicated).containsExactly(true, true, true, false);
    }

    @Test
    void cursorWithoutItsSnapshotMarksNothing() {
        assertThat(ReplicationMarks.mark(versions(), 999, true)).extracting(PruneSnapshot::replicated)
                .containsOnly(false);
    }

    @Test
    void keepSnapshotAtCursorFalseLetsTheSenderDestroyTheCursorSnapshot() {
        List<RetentionRule> rules = List.of(new NotReplicatedRule(false));
        PruneTarget target = PruneTarget.replicated("pool/a", false, versions(), OptionalLong.of(103));
        FilesystemPrunePlan sender = PrunePlanner.of(PruneSide.SENDER, rules).planFilesystem(target, Set.of("pool/a"));
        assertThat(sender.plan().destroyNames()).containsExactly("s1", "s2", "s3");
        FilesystemPrunePlan receiver = PrunePlanner.of(PruneSide.RECEIVER, rules)
                .planFilesystem(target, Set.of("pool/a"));
        assertThat(receiver.plan().destroyNames()).containsExactly("s1", "s2");
    }

    @Test
    void jobPlanSkipsPlaceholdersAndStrangersAndReportsMissingCursors() {
        PrunePlanner planner = PrunePlanner.of(PruneSide.RECEIVER, List.of(LastNRule.of(1)));
        List<FilesystemPrunePlan> plans = planner.planJob(List.of(
                PruneTarget.replicated("pool/c", false, versions(), OptionalLong.empty()),
                PruneTarget.replicated("pool/b", false, versions(), OptionalLong.of(104)),
                PruneTarget.replicated("pool/a", true, versions(), OptionalLong.of(104)),
                PruneTarget.replicated("pool/d", false, versions(), OptionalLong.of(104)),
                new PruneTarget("pool/e", false, List.of(), OptionalLong.empty(), Optional.of("boom"),
                        Optional.empty())),
                Set.of("pool/a", "pool/b", "pool/c", "pool/e"));
        assertThat(plans).extracting(FilesystemPrunePlan::filesystem)
                .containsExactly("pool/a", "pool/b", "pool/c", "pool/d", "pool/e");
        assertThat(plans.get(0).skipReason()).contains(FilesystemPrunePlan.SkipReason.PLACEHOLDER);
        assertThat(plans.get(1).plan().destroyNames()).containsExactly("s1", "s2", "s3");
        assertThat(plans.get(2).planError()).contains(PrunePlanner.NO_CURSOR);
        assertThat(plans.get(3).skipReason()).contains(FilesystemPrunePlan.SkipReason.NO_CORRESPONDENCE_ON_SENDER);
        assertThat(plans.get(4).planError()).contains("cannot list filesystem versions: boom");
    }

    @Test
    void snapJobNeedsNoCursorAndNeverPrunesBookmarks() {
        PrunePlanner planner = PrunePlanner.of(PruneSide.LOCAL, List.of(LastNRule.of(1)));
        FilesystemPrunePlan plan = planner.planFilesystem(PruneTarget.local("pool/a", versions()), Set.of());
        assertThat(plan.plan().destroyNames()).containsExactly("s1", "s2", "s3");
        assertThat(plan.plan().decisions()).hasSize(4);
        assertThat(planner.planFilesystem(PruneTarget.local("pool/empty", List.of()), Set.of()).plan().decisions())
                .isEmpty();
    }

    @Test
    void localPlannerRefusesNotReplicated() {
        assertThatThrownBy(() -> PrunePlanner.of(PruneSide.LOCAL, List.of(new NotReplicatedRule(true))))
                .hasMessageContaining("not_replicated");
    }

    @Test
    void boundaryInstantsAcrossAWholeDay() {
        // hourly snapshots for 26h, grid 1x1h(keep=all) | 24x1h: 26 survive? no: the 25h-old one is past the grid
        List<PruneSnapshot> hourly = new java.util.ArrayList<>();
        for (int h = 0; h <= 25; h++) {
            hourly.add(Snaps.at("h" + h, Duration.ofHours(-h)));
        }
        PrunePlan plan = PrunePlanner.of(PruneSide.LOCAL, List.of(grid("1x1h(keep=all)|24x1h"))).plan(hourly);
        assertThat(plan.destroyNames()).containsExactly("h25");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
