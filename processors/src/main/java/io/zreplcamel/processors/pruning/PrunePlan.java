package io.zreplcamel.processors.pruning;

import java.util.List;

/**
 * The plan for the snapshots of one filesystem: one decision per snapshot, oldest first (by {@code createtxg},
 * then creation, then name).
 */
public record PrunePlan(List<PruneDecision> decisions) {

    public PrunePlan {
        decisions = List.copyOf(decisions);
    }

    public static PrunePlan empty() {
        return new PrunePlan(List.of());
    }

    /** The snapshots to destroy, oldest first. */
    public List<PruneSnapshot> toDestroy() {
        return decisions.stream().filter(PruneDecision::destroy).map(PruneDecision::snapshot).toList();
    }

    /** The snapshots that stay, oldest first. */
    public List<PruneSnapshot> toKeep() {
        return decisions.stream().filter(d -> !d.destroy()).map(PruneDecision::snapshot).toList();
    }

    /** Names of the snapshots to destroy, oldest first (what a batched {@code zfs destroy fs@a,b,c} needs). */
    public List<String> destroyNames() {
        return toDestroy().stream().map(PruneSnapshot::name).toList();
    }
}
