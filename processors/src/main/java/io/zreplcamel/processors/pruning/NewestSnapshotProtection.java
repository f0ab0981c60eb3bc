package io.zreplcamel.processors.pruning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code protect_newest}: the one keep a zrepl-camel plan adds to zrepl's rules, so that a run never destroys the
 * snapshot it has just taken (zrepl issues 659, 712: a grid keeps the <em>oldest</em> snapshot of each interval,
 * so with a first interval {@code 1x1h} it destroys the newest one whenever an older one shares its hour).
 *
 * <p>Definitions, for the snapshots of one filesystem ordered by creation, then {@code createtxg}, then name:
 * <ul>
 *   <li>A snapshot is <b>covered</b> when the regex of one of the list's {@code grid} rules matches its name.
 *       Only grids need this: {@code last_n} always keeps the newest snapshot it matches, {@code regex} decides by
 *       name alone, {@code not_replicated} keeps the newest unless told otherwise.</li>
 *   <li>The <b>protected</b> snapshot is the newest covered one. After a snap job's run it is the snapshot the run
 *       has just taken (the job's snapshots are what its grids match). If no rule keeps it, the plan keeps it with
 *       the reason {@link #REASON}. That is the only extra snapshot a plan keeps.</li>
 *   <li>The <b>previously protected</b> snapshot is the second-newest covered one, <em>when the rules would not
 *       have kept it</em> as the newest: applied to the snapshots as they were then (this list without anything
 *       newer than it; on a replication side with the cursor on it, as right after its replication). zrepl
 *       destroyed it in that earlier run; it exists only because that run protected it. The rules do not see it
 *       (it would otherwise become the "oldest of the hour" and move every later interval), and the plan
 *       destroys it, unless a rule other than a grid keeps it today or hiding it would move a grid's "now"
 *       (see {@link #hidingIsSafe}).</li>
 * </ul>
 * So the rules always see what zrepl's pruner would see, and every run's survivors are zrepl's survivors plus at
 * most the one protected snapshot, run after run (property-tested as a whole history, see docs/pruning.md).
 * Nothing is remembered between runs: the previous run's decision is recomputed from the list.
 *
 * <p>What this cannot know: a snapshot that the rules would have destroyed as the newest but that survived for
 * another reason (a failed destroy, a pruning that did not run, a snapshot made by hand between two runs) and is
 * now the second-newest covered one is treated as previously protected: hidden and destroyed, where zrepl, on
 * this list, might keep it as the oldest of an interval. That is the only way a plan can destroy a snapshot
 * zrepl's rules would keep on the same list, at most one per run, and never one a non-grid rule keeps.
 */
public final class NewestSnapshotProtection {

    /** How a snapshot kept only by this step is reported in plans ({@code keptBy}). */
    public static final String REASON = "newest snapshot protection (protect_newest)";

    /** Why the previously protected snapshot is destroyed although a rule might keep it if it saw it. */
    public static final String PREVIOUSLY_PROTECTED_NOTE = "kept by the previous run's newest snapshot protection "
            + "only (zrepl destroyed it then); the rules do not see it";

    private static final Comparator<PruneSnapshot> YOUNGEST_FIRST = PruneSnapshot::youngestFirst;

    private final PruneSide side;
    private final List<RetentionRule> rules;
    private final List<GridRule> grids;

    NewestSnapshotProtection(PruneSide side, List<RetentionRule> rules) {
        this.side = Objects.requireNonNull(side, "side");
        this.rules = List.copyOf(rules);
        List<GridRule> g = new ArrayList<>();
        for (RetentionRule r : this.rules) {
            if (r instanceof GridRule grid) {
                g.add(grid);
            }
        }
        this.grids = List.copyOf(g);
    }

    /**
     * What the step decides for one filesystem.
     *
     * @param newest             the newest covered snapshot (empty when no grid matches any snapshot)
     * @param previouslyProtected the snapshot to hide from the rules and destroy (see the class comment)
     */
    public record Outcome(Optional<PruneSnapshot> newest, Optional<PruneSnapshot> previouslyProtected) {
        public Outcome {
            Objects.requireNonNull(newest, "newest");
            Objects.requireNonNull(previouslyProtected, "previouslyProtected");
        }

        static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty());
    }

    /** Evaluates the step on the snapshots of one filesystem (replicated flags as the rules will see them). */
    public Outcome evaluate(List<PruneSnapshot> snapshots) {
        List<PruneSnapshot> covered = new ArrayList<>();
        for (PruneSnapshot s : snapshots) {
            if (covered(s)) {
                covered.add(s);
            }
        }
        if (covered.isEmpty()) {
            return Outcome.NONE;
        }
        covered.sort(YOUNGEST_FIRST);
        Optional<PruneSnapshot> newest = Optional.of(covered.get(0));
        if (covered.size() < 2) {
            return new Outcome(newest, Optional.empty());
        }
        PruneSnapshot second = covered.get(1);
        boolean hide = !keptWhenNewest(snapshots, second) && hidingIsSafe(snapshots, second, newest.get());
        return new Outcome(newest, hide ? Optional.of(second) : Optional.empty());
    }

    /** Whether the rules keep {@code then} in the list as it was when {@code then} was the newest covered one. */
    private boolean keptWhenNewest(List<PruneSnapshot> snapshots, PruneSnapshot then) {
        // by name: on a replication side the replayed copy carries other replicated marks
        return keptByRules(asWhenNewest(snapshots, then)).stream().anyMatch(s -> s.name().equals(then.name()));
    }

    /**
     * What hiding {@code second} must never do: destroy a snapshot a non-grid rule keeps today (think of
     * {@code not_replicated} while replication is behind: today's cursor is older than it), or move a grid's "now"
     * (a grid that matches it but not {@code newest} measures from it). A grid that keeps it today, as the oldest of
     * an interval, does not stop the hiding: zrepl's own list would not have it (zrepl destroyed it when it was the
     * newest), and keeping it is exactly what made the old keep-newest variant drift.
     */
    private boolean hidingIsSafe(List<PruneSnapshot> snapshots, PruneSnapshot second, PruneSnapshot newest) {
        for (RetentionRule r : rules) {
            if (r instanceof GridRule g) {
                if (g.regex().find(second.name()) && !g.regex().find(newest.name())) {
                    return false;
                }
            } else if (r.keep(snapshots).contains(second)) {
                return false;
            }
        }
        return true;
    }

    private boolean covered(PruneSnapshot s) {
        for (GridRule g : grids) {
            if (g.regex().find(s.name())) {
                return true;
            }
        }
        return false;
    }

    private Set<PruneSnapshot> keptByRules(List<PruneSnapshot> snapshots) {
        Set<PruneSnapshot> kept = new HashSet<>();
        for (RetentionRule r : rules) {
            kept.addAll(r.keep(snapshots));
        }
        return kept;
    }

    /**
     * The list as it was when {@code then} was the newest covered snapshot: nothing younger than it; on a
     * replication side marked as right after {@code then} was replicated (the cursor on it), which is when
     * zrepl prunes.
     */
    private List<PruneSnapshot> asWhenNewest(List<PruneSnapshot> snapshots, PruneSnapshot then) {
        List<PruneSnapshot> out = new ArrayList<>();
        for (PruneSnapshot s : snapshots) {
            if (PruneSnapshot.youngestFirst(s, then) >= 0) {
                out.add(s);
            }
        }
        if (side == PruneSide.LOCAL) {
            return out;
        }
        boolean atCursorReplicated = RetentionRules.snapshotAtCursorCountsAsReplicated(rules, side);
        List<PruneSnapshot> marked = new ArrayList<>(out.size());
        for (PruneSnapshot s : out) {
            boolean replicated = s.equals(then) ? atCursorReplicated : s.createTxg() < then.createTxg();
            marked.add(s.withReplicated(replicated));
        }
        return marked;
    }
}
