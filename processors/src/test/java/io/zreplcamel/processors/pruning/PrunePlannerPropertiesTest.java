package io.zreplcamel.processors.pruning;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the planner over random snapshot lists and rule sets (10,000 tries each). */
class PrunePlannerPropertiesTest {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static final String[] PREFIXES = {"zrepl_", "manual_", "auto-", "other"};
    private static final String[] REGEXES = {"^zrepl_", "manual", "_", "^auto-", "r", "^nothing$"};
    private static final String[] GRIDS = {"1x1h", "1x1h(keep=all)|24x1h|7x1d", "3x30m(keep=2)|2x2h",
            "1x10m|1x10m|1x10m", "1x1d(keep=all)|2x1h", "2x1h(keep=3)|1x1d(keep=all)", "10x5m"};

    /** Every snapshot some rule keeps is kept, every other one destroyed; keptBy names exactly those rules. */
    @Property(tries = 10_000)
    void keepsExactlyTheUnionOfTheRules(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                        @ForAll("ruleSets") List<RetentionRule> rules) {
        PrunePlan plan = PrunePlanner.of(PruneSide.SENDER, rules).plan(snaps);
        assertThat(plan.decisions()).hasSameSizeAs(snaps);
        for (PruneDecision d : plan.decisions()) {
            List<String> keptBy = new ArrayList<>();
            for (RetentionRule r : rules) {
                if (r.keep(snaps).contains(d.snapshot())) {
                    keptBy.add(r.description());
                }
            }
            if (rules.isEmpty()) {
                assertThat(d.destroy()).isFalse();
            } else {
                assertThat(d.keptBy()).isEqualTo(keptBy);
                assertThat(d.destroy()).isEqualTo(keptBy.isEmpty());
            }
        }
    }

    /**
     * The newest snapshot a last_n rule matches is never destroyed; with the protection, nor the newest one a grid
     * matches.
     */
    @Property(tries = 10_000)
    void neverDestroysTheNewestSnapshotARuleCovers(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                                   @ForAll("ruleSets") List<RetentionRule> rules) {
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.SENDER, rules);
        Set<PruneSnapshot> destroyed = Set.copyOf(zrepl.plan(snaps).toDestroy());
        Set<PruneSnapshot> destroyedSafe = Set.copyOf(zrepl.protectingNewest().plan(snaps).toDestroy());
        for (RetentionRule r : rules) {
            if (r instanceof LastNRule lastN) {
                newestMatching(snaps, lastN.regex().orElse(null)).ifPresent(n -> {
                    assertThat(destroyed).doesNotContain(n);
                    assertThat(destroyedSafe).doesNotContain(n);
                });
            }
            if (r instanceof GridRule g) {
                Optional<PruneSnapshot> newest = newestMatching(snaps, g.regex());
                // zrepl semantics: kept whenever the first interval has room for it
                newest.ifPresent(n -> {
                    RetentionGrid.Interval first = g.grid().intervals().get(0);
                    long inFirst = g.fit(snaps).intervals().values().stream().filter(i -> i == 0).count();
                    if (first.keepsAll() || inFirst <= first.keepCount()) {
                        assertThat(destroyed).doesNotContain(n);
                    }
                });
            }
        }
        // with the protection, the newest snapshot any grid matches (one per filesystem)
        NewestSnapshotProtectionPropertiesTest.newestCovered(rules, snaps)
                .ifPresent(n -> assertThat(destroyedSafe).doesNotContain(n));
    }

    /**
     * zrepl's plans are stable when every grid's "now" survived. (With the protection: see
     * NewestSnapshotProtectionPropertiesTest#planningTheSurvivorsAgainDestroysAtMostTheNotedOne.)
     */
    @Property(tries = 10_000)
    void planningTheSurvivorsAgainDestroysNothing(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                                  @ForAll("ruleSets") List<RetentionRule> rules) {
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.SENDER, rules);
        List<PruneSnapshot> zreplSurvivors = zrepl.plan(snaps).toKeep();
        boolean everyGridNowSurvived = rules.stream().filter(r -> r instanceof GridRule)
                .map(r -> newestMatching(snaps, ((GridRule) r).regex()))
                .allMatch(n -> n.isEmpty() || zreplSurvivors.contains(n.get()));
        if (everyGridNowSurvived) {
            assertThat(zrepl.plan(zreplSurvivors).toDestroy()).isEmpty();
        }
    }

    /** The plan does not depend on the order of the input list. */
    @Property(tries = 10_000)
    void inputOrderDoesNotMatter(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                 @ForAll("ruleSets") List<RetentionRule> rules) {
        PrunePlanner planner = PrunePlanner.of(PruneSide.RECEIVER, rules);
        List<PruneSnapshot> reversed = new ArrayList<>(snaps);
        java.util.Collections.reverse(reversed);
        assertThat(planner.plan(reversed)).isEqualTo(planner.plan(snaps));
    }

    private static Optional<PruneSnapshot> newestMatching(List<PruneSnapshot> snaps, GoRegex regex) {
        return snaps.stream().filter(s -> regex == null || regex.find(s.name()))
                .min(Comparator.comparing(PruneSnapshot::creation).reversed()
                        .thenComparing(PruneSnapshot::name, Comparator.reverseOrder()));
    }

    @Provide
    Arbitrary<List<PruneSnapshot>> snapshotLists() {
        Arbitrary<long[]> offsets = Arbitraries.longs().between(0, 3 * 24 * 60).array(long[].class)
                .ofMinSize(0).ofMaxSize(30);
        Arbitrary<int[]> prefixes = Arbitraries.integers().between(0, PREFIXES.length - 1).array(int[].class)
                .ofSize(30);
        Arbitrary<Integer> cursor = Arbitraries.integers().between(-1, 30);
        return Combinators.combine(offsets, prefixes, cursor).as((mins, prefix, cursorAt) -> {
            long[] sorted = mins.clone();
            java.util.Arrays.sort(sorted);
            List<PruneSnapshot> out = new ArrayList<>();
            for (int i = 0; i < sorted.length; i++) {
                // minute resolution produces equal creation times; createtxg still orders them
                Instant creation = BASE.plus(Duration.ofMinutes(sorted[i]));
                out.add(new PruneSnapshot(PREFIXES[prefix[i]] + i, 1000 + i, 100 + i, creation, i < cursorAt));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<List<RetentionRule>> ruleSets() {
        Arbitrary<RetentionRule> grid = Combinators.combine(Arbitraries.of(GRIDS), Arbitraries.of(REGEXES))
                .as((g, re) -> new GridRule(RetentionGrid.parse(g), GoRegex.compile(re)));
        Arbitrary<RetentionRule> lastN = Combinators.combine(Arbitraries.integers().between(1, 6),
                        Arbitraries.of(REGEXES).injectNull(0.3))
                .as((n, re) -> new LastNRule(n, Optional.ofNullable(re).map(GoRegex::compile)));
        Arbitrary<RetentionRule> regex = Combinators.combine(Arbitraries.of(REGEXES), Arbitraries.of(true, false))
                .as((re, negate) -> RetentionRules.regex(re, negate));
        Arbitrary<RetentionRule> notReplicated = Arbitraries.of(true, false).map(NotReplicatedRule::new);
        return Arbitraries.oneOf(grid, grid, lastN, regex, notReplicated).list().ofMinSize(0).ofMaxSize(4);
    }
}
