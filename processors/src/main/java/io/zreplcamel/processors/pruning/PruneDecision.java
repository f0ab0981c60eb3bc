package io.zreplcamel.processors.pruning;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one snapshot.
 *
 * @param keptBy descriptions of the rules that keep it, in rule order; empty exactly when it is destroyed
 */
public record PruneDecision(PruneSnapshot snapshot, PruneAction action, List<String> keptBy) {

    public PruneDecision {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(action, "action");
        keptBy = List.copyOf(keptBy);
        if ((action == PruneAction.DESTROY) != keptBy.isEmpty()) {
            throw new IllegalArgumentException("a snapshot is destroyed exactly when no rule keeps it");
        }
    }

    public boolean destroy() {
        return action == PruneAction.DESTROY;
    }
}
