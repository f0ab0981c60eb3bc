package io.zreplcamel.processors.pruning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides which snapshots to destroy: the one retention planner for snap jobs and both sides of replication.
 * Pure: snapshot lists in, plans out; listing and destroying happen at the edges (Camel routes, the zfs layer).
 *
 * <p>A snapshot is destroyed if and only if no rule keeps it (zrepl: "destroyed iff every rule lists it").
 * With no rules nothing is destroyed. Only snapshots are ever planned; bookmarks are never pruned.
 *
 * <p>{@link #of} plans exactly as zrepl. {@link #withNewestProtection(boolean) withNewestProtection(true)} adds
 * one separate, pure step after zrepl's rules: {@link NewestSnapshotProtection} keeps the newest snapshot a grid rule
 * matches when no rule does (zrepl issues 659, 712), and hides the one the previous run kept that way from the
 * rules, so the rules decide exactly as zrepl's would, run after run. The daemon and the CLI take the setting from
 * the job's {@code pruning.protect_newest} (default on). See docs/pruning.md.
 */
public final class PrunePlanner {

    static final String NO_CURSOR =
            "replication cursor bookmark does not exist (one successful replication is required before pruning works)";

    private static final Comparator<PruneSnapshot> OLDEST_FIRST = Comparator
            .comparingLong(PruneSnapshot::createTxg)
            .thenComparing(PruneSnapshot::creation)
            .thenComparing(PruneSnapshot::name);

    private final PruneSide side;
    private final List<RetentionRule> rules;
    private final boolean protectNewest;

    private PrunePlanner(PruneSide side, List<RetentionRule> rules, boolean protectNewest) {
        this.side = Objects.requireNonNull(side, "side");
        this.rules = List.copyOf(rules);
        this.protectNewest = protectNewest;
    }

    /** A planner for {@code side} with {@code rules} (see {@link RetentionRules#forSide}). */
    public static PrunePlanner of(PruneSide side, List<RetentionRule> rules) {
        if (side == PruneSide.LOCAL && rules.stream().anyMatch(r -> r instanceof NotReplicatedRule)) {
            throw new IllegalArgumentException("single-site pruner cannot support `not_replicated` keep rule");
        }
        return new PrunePlanner(side, rules, false);
    }

    /** The same rules, with or without the newest snapshot protection ({@link NewestSnapshotProtection}). */
    public PrunePlanner withNewestProtection(boolean protect) {
        return new PrunePlanner(side, rules, protect);
    }

    /** {@code withNewestProtection(true)}. */
    public PrunePlanner protectingNewest() {
        return withNewestProtection(true);
    }

    public PruneSide side() {
        return side;
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    public boolean protectsNewest() {
        return protectNewest;
    }

    /**
     * The core: decide for each of {@code snapshots} (one filesystem, replicated flags already set).
     *
     * @throws IllegalArgumentException if two snapshots have the same name
     */
    public PrunePlan plan(List<PruneSnapshot> snapshots) {
        Set<String> names = new HashSet<>();
        for (PruneSnapshot s : snapshots) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("snapshot \"" + s.name() + "\" is listed twice");
            }
        }
        List<PruneSnapshot> input = List.copyOf(snapshots);
        NewestSnapshotProtection.Outcome protection = protectNewest
                ? new NewestSnapshotProtection(side, rules).evaluate(input)
                : NewestSnapshotProtection.Outcome.NONE;
        // the rules see what zrepl's would: without the snapshot only a previous run's protection left alive
        List<PruneSnapshot> ruleInput = new ArrayList<>(input);
        protection.previouslyProtected().ifPresent(ruleInput::remove);
        List<Set<PruneSnapshot>> keptPerRule = new ArrayList<>(rules.size());
        for (RetentionRule rule : rules) {
            keptPerRule.add(rule.keep(List.copyOf(ruleInput)));
        }
        List<PruneSnapshot> ordered = new ArrayList<>(input);
        ordered.sort(OLDEST_FIRST);
        List<PruneDecision> decisions = new ArrayList<>(ordered.size());
        for (PruneSnapshot s : ordered) {
            List<String> keptBy = new ArrayList<>();
            if (rules.isEmpty()) {
                keptBy.add("no keep rules");
            }
            for (int i = 0; i < rules.size(); i++) {
                if (keptPerRule.get(i).contains(s)) {
                    keptBy.add(rules.get(i).description());
                }
            }
            if (keptBy.isEmpty() && protection.newest().filter(s::equals).isPresent()) {
                keptBy.add(NewestSnapshotProtection.REASON);
            }
            String note = protection.previouslyProtected().filter(s::equals).isPresent()
                    ? NewestSnapshotProtection.PREVIOUSLY_PROTECTED_NOTE : "";
            decisions.add(new PruneDecision(s, keptBy.isEmpty() ? PruneAction.DESTROY : PruneAction.KEEP, keptBy,
                    note));
        }
        return new PrunePlan(decisions);
    }

    /**
     * Plans one filesystem from its listed versions and its cursor, as zrepl's pruner does: placeholders and
     * filesystems the sender does not have are skipped, a missing cursor is a plan error for that filesystem.
     * For {@link PruneSide#LOCAL} the cursor is ignored (snap jobs have no replication).
     */
    public FilesystemPrunePlan planFilesystem(PruneTarget target, Set<String> senderFilesystems) {
        String fs = target.filesystem();
        if (side != PruneSide.LOCAL) {
            if (target.placeholder()) {
                return FilesystemPrunePlan.skipped(fs, FilesystemPrunePlan.SkipReason.PLACEHOLDER);
            }
            if (!senderFilesystems.contains(fs)) {
                return FilesystemPrunePlan.skipped(fs, FilesystemPrunePlan.SkipReason.NO_CORRESPONDENCE_ON_SENDER);
            }
        }
        if (target.listError().isPresent()) {
            return FilesystemPrunePlan.error(fs, "cannot list filesystem versions: " + target.listError().get());
        }
        List<PruneSnapshot> snapshots;
        if (side == PruneSide.LOCAL) {
            // zrepl fakes a cursor at the newest version here; with not_replicated forbidden it changes nothing,
            // and a filesystem without any version simply has nothing to prune (zrepl reports "no cursor").
            snapshots = ReplicationMarks.unmarked(target.versions());
        } else {
            if (target.cursorError().isPresent()) {
                return FilesystemPrunePlan.error(fs,
                        "cannot get replication cursor bookmark: " + target.cursorError().get());
            }
            OptionalLong cursor = target.cursorGuid();
            if (cursor.isEmpty()) {
                return FilesystemPrunePlan.error(fs, NO_CURSOR);
            }
            snapshots = ReplicationMarks.mark(target.versions(), cursor.getAsLong(),
                    RetentionRules.snapshotAtCursorCountsAsReplicated(rules, side));
        }
        return FilesystemPrunePlan.planned(fs, plan(snapshots));
    }

    /** {@link #planFilesystem} for every target, in filesystem path order (the order zrepl destroys in). */
    public List<FilesystemPrunePlan> planJob(List<PruneTarget> targets, Set<String> senderFilesystems) {
        List<PruneTarget> sorted = new ArrayList<>(targets);
        sorted.sort(Comparator.comparing(PruneTarget::filesystem));
        List<FilesystemPrunePlan> out = new ArrayList<>(sorted.size());
        for (PruneTarget t : sorted) {
            out.add(planFilesystem(t, senderFilesystems));
        }
        return out;
    }
}
