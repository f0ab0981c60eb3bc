package io.zreplcamel.processors.pruning;

import java.util.List;
import java.util.Set;

/**
 * One keep rule. A rule only ever says which snapshots it keeps; a snapshot is destroyed when no rule of the
 * list keeps it (see {@link PrunePlanner}). Rules are pure: same input, same answer, no I/O.
 */
public sealed interface RetentionRule permits GridRule, LastNRule, RegexRule, NotReplicatedRule {

    /**
     * The snapshots of {@code snapshots} this rule keeps. {@code snapshots} are the snapshots of one filesystem
     * with distinct names, in any order.
     */
    Set<PruneSnapshot> keep(List<PruneSnapshot> snapshots);

    /** How the rule is reported in plans, e.g. {@code last_n(count=10, regex="^zrepl_")}. */
    String description();
}
