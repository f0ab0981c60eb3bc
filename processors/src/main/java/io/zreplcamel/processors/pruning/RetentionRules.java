package io.zreplcamel.processors.pruning;

import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.values.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link RetentionRule}s from the config model's {@link KeepRule}s. */
public final class RetentionRules {

    private RetentionRules() {
    }

    /** The rule for one config entry. */
    public static RetentionRule from(KeepRule rule) {
        if (rule instanceof KeepRule.NotReplicated r) {
            return new NotReplicatedRule(r.keepSnapshotAtCursor());
        }
        if (rule instanceof KeepRule.LastN r) {
            return new LastNRule(r.count(), Optional.ofNullable(r.regex()));
        }
        if (rule instanceof KeepRule.Regex r) {
            return new RegexRule(r.regex(), r.negate());
        }
        if (rule instanceof KeepRule.Grid r) {
            return new GridRule(r.grid(), r.regex());
        }
        throw new IllegalArgumentException("unknown keep rule type " + rule.type());
    }

    /**
     * The rules of one keep list for one side. A snap job ({@link PruneSide#LOCAL}) cannot use
     * {@code not_replicated}: nothing is replicated there.
     *
     * @throws IllegalArgumentException {@code cannot build rule #<i>: <why>} (0-based, as zrepl counts)
     */
    public static List<RetentionRule> forSide(List<KeepRule> rules, PruneSide side) {
        List<RetentionRule> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            KeepRule rule = rules.get(i);
            if (side == PruneSide.LOCAL && rule instanceof KeepRule.NotReplicated) {
                throw new IllegalArgumentException("single-site pruner cannot support `not_replicated` keep rule");
            }
            try {
                out.add(from(rule));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot build rule #" + i + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether the snapshot at the replication cursor counts as replicated on {@code side}: zrepl decides this once
     * per side, true only on the sender and only if some {@code not_replicated} rule there says
     * {@code keep_snapshot_at_cursor: false}. The receiver always keeps it (it is the next incremental's base).
     */
    public static boolean snapshotAtCursorCountsAsReplicated(List<RetentionRule> rules, PruneSide side) {
        if (side != PruneSide.SENDER) {
            return false;
        }
        return rules.stream().anyMatch(r -> r instanceof NotReplicatedRule n && !n.keepSnapshotAtCursor());
    }

    /** A regex rule from source text (tests, tools). */
    public static RegexRule regex(String regex, boolean negate) {
        return new RegexRule(GoRegex.compile(regex), negate);
    }
}
