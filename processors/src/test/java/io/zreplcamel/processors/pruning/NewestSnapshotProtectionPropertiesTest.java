package io.zreplcamel.processors.pruning;

import io.zreplcamel.processors.model.FilesystemVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code protect_newest} against zrepl's exact rules ({@link PrunePlanner#of} without protection), over random
 * histories and rule sets: the protection adds at most one kept snapshot and otherwise leaves zrepl's decisions
 * alone, run after run.
 */
class NewestSnapshotProtectionPropertiesTest {

    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    /** Grid regexes that match every snapshot the job takes ({@code zrepl_<n>}) and none a user takes. */
    private static final String[] JOB_GRID_REGEXES = {"^zrepl_", "zrepl", "_", "^z"};
    private static final String[] ANY_REGEXES = {"^zrepl_", "manual", "-", "1", "^nothing$", "_"};
    private static final String[] GRIDS = {"1x1h|24x1h", "1x1h(keep=all)|24x1h|7x1d", "3x30m(keep=2)|2x2h",
            "1x10m|1x10m|1x10m", "1x1d(keep=all)|2x1h", "2x1h(keep=3)|1x1d(keep=all)", "10x5m", "1x15m|4x1h"};

    /** One step of a history: minutes since the previous step; a user's snapshot, or the job's plus a prune. */
    record Step(int gapMinutes, boolean user) {
    }

    /** A job's history replayed twice: zrepl's planner and the protected one, each on its own survivors. */
    private static final class History {
        final PrunePlanner zrepl;
        final PrunePlanner ours;
        final List<PruneSnapshot> zreplAlive = new ArrayList<>();
        final List<PruneSnapshot> oursAlive = new ArrayList<>();
        PrunePlan lastOursPlan;
        PrunePlan lastZreplPlan;
        long minute;
        int txg = 1;

        History(PruneSide side, List<RetentionRule> rules) {
            zrepl = PrunePlanner.of(side, rules);
            ours = zrepl.protectingNewest();
        }

        /** Takes a snapshot; the job's are followed by pruning (after replicating it, on a replication side). */
        void step(Step s) {
            minute += s.gapMinutes();
            int n = txg++;
            PruneSnapshot snap = new PruneSnapshot((s.user() ? "manual-" : "zrepl_") + n, n, n,
                    BASE.plus(Duration.ofMinutes(minute)), false);
            zreplAlive.add(snap);
            oursAlive.add(snap);
            if (!s.user()) {
                lastZreplPlan = prune(zrepl, zreplAlive, n);
                lastOursPlan = prune(ours, oursAlive, n);
            }
        }

        private static PrunePlan prune(PrunePlanner planner, List<PruneSnapshot> alive, long cursorGuid) {
            List<PruneSnapshot> marked = alive;
            if (planner.side() != PruneSide.LOCAL) {
                List<FilesystemVersion> versions = alive.stream()
                        .map(v -> FilesystemVersion.snapshot(v.name(), v.guid(), v.createTxg(), v.creation()))
                        .toList();
                marked = ReplicationMarks.mark(versions, cursorGuid,
                        RetentionRules.snapshotAtCursorCountsAsReplicated(planner.rules(), planner.side()));
            }
            PrunePlan plan = planner.plan(marked);
            alive.clear();
            plan.toKeep().forEach(k -> alive.add(k.withReplicated(false)));
            return plan;
        }
    }

    /**
     * (a) Run after run, the protected job keeps exactly zrepl's survivors plus at most one: the newest snapshot a
     * grid matches. This is what "never changes which snapshots the grid keeps" means over time; the old
     * keep-newest grid variant failed it (its hourly slots drifted: 18 snapshots where zrepl keeps 25).
     */
    @Property(tries = 3_000)
    void survivorsAreZreplsPlusAtMostTheNewest(@ForAll("histories") List<Step> steps,
                                                @ForAll("jobRules") List<RetentionRule> rules,
                                                @ForAll("sides") PruneSide side) {
        History h = new History(side, side == PruneSide.LOCAL
                ? rules.stream().filter(r -> !(r instanceof NotReplicatedRule)).toList() : rules);
        for (Step s : steps) {
            h.step(s);
            if (s.user()) {
                continue;
            }
            Set<String> zrepl = names(h.zreplAlive);
            Set<String> ours = names(h.oursAlive);
            assertThat(ours).containsAll(zrepl);
            Set<String> extra = new TreeSet<>(ours);
            extra.removeAll(zrepl);
            assertThat(extra).hasSizeLessThanOrEqualTo(1);
            extra.forEach(e -> assertThat(newestCovered(rules, h.oursAlive).map(PruneSnapshot::name)).contains(e));
            // the one extra is exactly the snapshot the plan says the protection keeps
            assertThat(protectedNames(h.lastOursPlan)).isEqualTo(extra);
        }
    }

    /**
     * (a) for one run: on a list zrepl itself leaves behind plus a new snapshot, every decision is zrepl's, except
     * that the newest covered snapshot may be kept by the protection where zrepl destroys it.
     */
    @Property(tries = 3_000)
    void onZreplsOwnListsEveryDecisionIsZreplsButTheNewest(@ForAll("histories") List<Step> steps,
                                                            @ForAll("jobRules") List<RetentionRule> rules) {
        rules = rules.stream().filter(r -> !(r instanceof NotReplicatedRule)).toList();
        History h = new History(PruneSide.LOCAL, rules);
        steps.forEach(h::step);
        List<PruneSnapshot> list = new ArrayList<>(h.zreplAlive);
        PruneSnapshot taken = PruneSnapshot.of("zrepl_new", BASE.plus(Duration.ofMinutes(h.minute + 15)), 1_000_000);
        list.add(taken);
        PrunePlan zrepl = h.zrepl.plan(list);
        PrunePlan ours = h.ours.plan(list);
        assertThat(newestCovered(rules, list)).contains(taken);
        Optional<PruneSnapshot> newest = Optional.of(taken);
        for (int i = 0; i < list.size(); i++) {
            PruneDecision z = zrepl.decisions().get(i);
            PruneDecision o = ours.decisions().get(i);
            assertThat(o.snapshot()).isEqualTo(z.snapshot());
            assertThat(o.note()).isEmpty();
            if (z.destroy() && newest.filter(o.snapshot()::equals).isPresent()) {
                assertThat(o.keptBy()).containsExactly(NewestSnapshotProtection.REASON);
            } else {
                assertThat(o).isEqualTo(z);
            }
        }
    }

    /**
     * (b) On any list: the only snapshot kept by the protection alone is the newest covered one, and only when
     * no rule keeps it; the only one hidden is the second-newest covered one, never one a non-grid rule keeps;
     * nothing else zrepl keeps is destroyed.
     */
    @Property(tries = 5_000)
    void onAnyListTheProtectionTouchesOnlyTheTwoNewestCovered(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                                              @ForAll("anyRules") List<RetentionRule> rules,
                                                              @ForAll("sides") PruneSide side) {
        List<RetentionRule> usable = side == PruneSide.LOCAL
                ? rules.stream().filter(r -> !(r instanceof NotReplicatedRule)).toList() : rules;
        PrunePlanner zreplPlanner = PrunePlanner.of(side, usable);
        PrunePlan zrepl = zreplPlanner.plan(snaps);
        PrunePlan ours = zreplPlanner.protectingNewest().plan(snaps);
        List<PruneSnapshot> covered = coveredYoungestFirst(usable, snaps);
        int protectedCount = 0;
        int hiddenCount = 0;
        for (int i = 0; i < snaps.size(); i++) {
            PruneDecision z = zrepl.decisions().get(i);
            PruneDecision o = ours.decisions().get(i);
            String name = o.snapshot().name();
            if (o.keptBy().contains(NewestSnapshotProtection.REASON)) {
                protectedCount++;
                assertThat(o.snapshot()).isEqualTo(covered.get(0));
                assertThat(o.keptByProtectionOnly()).isTrue();
            }
            if (!o.note().isEmpty()) {
                hiddenCount++;
                assertThat(o.snapshot()).isEqualTo(covered.get(1));
                assertThat(o.destroy()).isTrue();
                for (RetentionRule r : usable) {
                    if (!(r instanceof GridRule)) {
                        assertThat(r.keep(snaps)).as("%s keeps %s", r.description(), name)
                                .doesNotContain(o.snapshot());
                    }
                }
            } else if (!z.destroy()) {
                assertThat(o.destroy()).as("%s is kept by zrepl", name).isFalse();
            }
        }
        assertThat(protectedCount).isLessThanOrEqualTo(1);
        assertThat(hiddenCount).isLessThanOrEqualTo(1);
        assertThat(ours.toKeep().size()).isLessThanOrEqualTo(zrepl.toKeep().size() + 1);
    }

    /**
     * Planning the survivors again (a wakeup) destroys at most the one snapshot the second plan notes, and keeps
     * the newest. Only when every grid matches the newest covered snapshot (one naming, as in a job): the
     * protection is one snapshot per filesystem, so a second grid over other names keeps zrepl's behaviour, whose
     * "now" moves when its newest is destroyed.
     */
    @Property(tries = 5_000)
    void planningTheSurvivorsAgainDestroysAtMostTheNotedOne(@ForAll("snapshotLists") List<PruneSnapshot> snaps,
                                                            @ForAll("anyRules") List<RetentionRule> rules) {
        List<RetentionRule> usable = rules.stream().filter(r -> !(r instanceof NotReplicatedRule)).toList();
        Optional<PruneSnapshot> newestCovered = newestCovered(usable, snaps);
        Assume.that(newestCovered.isEmpty() || usable.stream().allMatch(r -> !(r instanceof GridRule g)
                || g.regex().find(newestCovered.get().name())));
        PrunePlanner ours = PrunePlanner.of(PruneSide.LOCAL, usable).protectingNewest();
        List<PruneSnapshot> survivors = ours.plan(snaps).toKeep();
        PrunePlan again = ours.plan(survivors);
        assertThat(again.toDestroy()).hasSizeLessThanOrEqualTo(1);
        again.toDestroy().forEach(d -> assertThat(decisionOf(again, d).note()).isNotEmpty());
        newestCovered(usable, survivors).ifPresent(n -> assertThat(again.toKeep()).contains(n));
    }

    // ---- helpers ----

    private static PruneDecision decisionOf(PrunePlan plan, PruneSnapshot s) {
        return plan.decisions().stream().filter(d -> d.snapshot().name().equals(s.name())).findFirst()
                .orElseThrow();
    }

    static Set<String> protectedNames(PrunePlan plan) {
        Set<String> out = new TreeSet<>();
        plan.decisions().stream().filter(PruneDecision::keptByProtectionOnly)
                .forEach(d -> out.add(d.snapshot().name()));
        return out;
    }

    private static Set<String> names(List<PruneSnapshot> snaps) {
        Set<String> out = new HashSet<>();
        snaps.forEach(s -> out.add(s.name()));
        return out;
    }

    /** Independent of the implementation: the snapshots some grid's regex matches, youngest first. */
    static List<PruneSnapshot> coveredYoungestFirst(List<RetentionRule> rules, List<PruneSnapshot> snaps) {
        List<PruneSnapshot> out = new ArrayList<>();
        for (PruneSnapshot s : snaps) {
            if (rules.stream().anyMatch(r -> r instanceof GridRule g && g.regex().find(s.name()))) {
                out.add(s);
            }
        }
        out.sort((a, b) -> {
            int c = b.creation().compareTo(a.creation());
            if (c != 0) {
                return c;
            }
            c = Long.compare(b.createTxg(), a.createTxg());
            return c != 0 ? c : b.name().compareTo(a.name());
        });
        return out;
    }

    static Optional<PruneSnapshot> newestCovered(List<RetentionRule> rules, List<PruneSnapshot> snaps) {
        List<PruneSnapshot> c = coveredYoungestFirst(rules, snaps);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> gap = Arbitraries.oneOf(Arbitraries.of(15, 15, 15, 60, 30),
                Arbitraries.integers().between(1, 300));
        Arbitrary<Boolean> user = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        return Combinators.combine(gap, user).as(Step::new).list().ofMinSize(1).ofMaxSize(120);
    }

    @Provide
    Arbitrary<PruneSide> sides() {
        return Arbitraries.of(PruneSide.class);
    }

    /**
     * A job's keep list: at least one grid, every grid over the job's own snapshots; maybe last_n, regex,
     * not_replicated (dropped for a snap job).
     */
    @Provide
    Arbitrary<List<RetentionRule>> jobRules() {
        Arbitrary<RetentionRule> grid = Combinators.combine(Arbitraries.of(GRIDS), Arbitraries.of(JOB_GRID_REGEXES))
                .as((g, re) -> new GridRule(RetentionGrid.parse(g), GoRegex.compile(re)));
        Arbitrary<RetentionRule> notReplicated = Arbitraries.of(true, false).map(NotReplicatedRule::new);
        Arbitrary<List<RetentionRule>> others = Arbitraries.oneOf(grid, lastN(), regex(), notReplicated).list()
                .ofMaxSize(2);
        return Combinators.combine(grid, others).as((g, o) -> {
            List<RetentionRule> all = new ArrayList<>();
            all.add(g);
            all.addAll(o);
            return List.copyOf(all);
        });
    }

    /** Any rules over any names (grids may match user snapshots too). */
    @Provide
    Arbitrary<List<RetentionRule>> anyRules() {
        Arbitrary<RetentionRule> grid = Combinators.combine(Arbitraries.of(GRIDS), Arbitraries.of(ANY_REGEXES))
                .as((g, re) -> new GridRule(RetentionGrid.parse(g), GoRegex.compile(re)));
        Arbitrary<RetentionRule> notReplicated = Arbitraries.of(true, false).map(NotReplicatedRule::new);
        return Arbitraries.oneOf(grid, grid, lastN(), regex(), notReplicated).list().ofMaxSize(4);
    }

    private static Arbitrary<RetentionRule> lastN() {
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.of(ANY_REGEXES).injectNull(0.3))
                .as((n, re) -> new LastNRule(n, Optional.ofNullable(re).map(GoRegex::compile)));
    }

    private static Arbitrary<RetentionRule> regex() {
        return Combinators.combine(Arbitraries.of(ANY_REGEXES), Arbitraries.of(true, false))
                .as((re, negate) -> RetentionRules.regex(re, negate));
    }

    @Provide
    Arbitrary<List<PruneSnapshot>> snapshotLists() {
        Arbitrary<long[]> offsets = Arbitraries.longs().between(0, 2 * 24 * 60).array(long[].class)
                .ofMinSize(0).ofMaxSize(30);
        Arbitrary<int[]> kinds = Arbitraries.integers().between(0, 2).array(int[].class).ofSize(30);
        Arbitrary<Integer> cursor = Arbitraries.integers().between(-1, 30);
        return Combinators.combine(offsets, kinds, cursor).as((mins, kind, cursorAt) -> {
            long[] sorted = mins.clone();
            java.util.Arrays.sort(sorted);
            List<PruneSnapshot> out = new ArrayList<>();
            for (int i = 0; i < sorted.length; i++) {
                String prefix = kind[i] == 0 ? "manual-" : "zrepl_";
                out.add(new PruneSnapshot(prefix + i, 1000 + i, 100 + i, BASE.plus(Duration.ofMinutes(sorted[i])),
                        i < cursorAt));
            }
            return out;
        });
    }
}
