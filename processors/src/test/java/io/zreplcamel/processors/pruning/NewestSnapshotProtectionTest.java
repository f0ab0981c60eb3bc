package io.zreplcamel.processors.pruning;

import static io.zreplcamel.processors.pruning.Snaps.grid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The case of issue 9: snapshots every 15 minutes, {@code 1x1h | 24x1h}, pruned after every snapshot. */
class NewestSnapshotProtectionTest {

    private static final Instant START = Instant.parse("2024-05-14T00:00:00Z");

    /** Snapshot every 15 minutes from START until {@code end} (inclusive), pruning after each; the survivors. */
    private static List<PruneSnapshot> simulate(PrunePlanner planner, Instant end) {
        List<PruneSnapshot> alive = new ArrayList<>();
        long txg = 1;
        for (Instant t = START; !t.isAfter(end); t = t.plus(Duration.ofMinutes(15))) {
            alive.add(PruneSnapshot.of("zrepl_" + t, t, txg++));
            List<PruneSnapshot> keep = planner.plan(alive).toKeep();
            alive.clear();
            alive.addAll(keep);
        }
        alive.sort(Comparator.comparing(PruneSnapshot::creation).reversed());
        return alive;
    }

    private static final PrunePlanner ZREPL =
            PrunePlanner.of(PruneSide.LOCAL, List.of(grid("1x1h | 24x1h", "^zrepl_")));

    @Test
    void keeps25HourlySnapshotsLikeZreplPlusTheNewest() {
        // three days and 45 minutes: the newest snapshot is not on the hour
        Instant end = START.plus(Duration.ofDays(3)).plus(Duration.ofMinutes(45));
        List<PruneSnapshot> zrepl = simulate(ZREPL, end);
        List<PruneSnapshot> ours = simulate(ZREPL.protectingNewest(), end);

        assertThat(zrepl).hasSize(25);
        assertHourly(zrepl);
        assertThat(ours).hasSize(26);
        assertThat(ours.get(0).creation()).isEqualTo(end);
        assertThat(ours.subList(1, 26)).containsExactlyElementsOf(zrepl);
        // the plan says why the newest is there
        PrunePlan again = ZREPL.protectingNewest().plan(ours);
        assertThat(again.toDestroy()).isEmpty();
        assertThat(again.decisions().get(25).keptBy()).containsExactly(NewestSnapshotProtection.REASON);
    }

    @Test
    void onTheHourTheNewestIsTheGridsOwnAndNothingIsExtra() {
        Instant end = START.plus(Duration.ofDays(3));
        List<PruneSnapshot> ours = simulate(ZREPL.protectingNewest(), end);
        assertThat(ours).hasSize(25).containsExactlyElementsOf(simulate(ZREPL, end));
        assertThat(ours.get(0).creation()).isEqualTo(end);
        assertHourly(ours);
        assertThat(ZREPL.protectingNewest().plan(ours).decisions()).noneMatch(PruneDecision::keptByProtectionOnly);
    }

    private static void assertHourly(List<PruneSnapshot> youngestFirst) {
        for (int i = 1; i < youngestFirst.size(); i++) {
            assertThat(Duration.between(youngestFirst.get(i).creation(), youngestFirst.get(i - 1).creation()))
                    .isEqualTo(Duration.ofHours(1));
        }
        assertThat(youngestFirst.get(0).creation().getEpochSecond() % 3600).isZero();
    }
}
