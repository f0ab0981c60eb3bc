package io.zreplcamel.processors.pruning;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one snapshot.
 *
 * @param keptBy descriptions of the rules that keep it, in rule order, then {@link NewestSnapshotProtection#REASON}
 *               when only the protection keeps it; empty exactly when it is destroyed
 * @param note   why the decision is not what the rules alone would say, or empty (today only
 *               {@link NewestSnapshotProtection#PREVIOUSLY_PROTECTED_NOTE})
 */
public record PruneDecision(PruneSnapshot snapshot, PruneAction action, List<String> keptBy, String note) {

    public PruneDecision {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(note, "note");
        keptBy = List.copyOf(keptBy);
        if ((action == PruneAction.DESTROY) != keptBy.isEmpty()) {
            throw new IllegalArgumentException("a snapshot is destroyed exactly when no rule keeps it");
        }
    }

    public PruneDecision(PruneSnapshot snapshot, PruneAction action, List<String> keptBy) {
        this(snapshot, action, keptBy, "");
    }

    public boolean destroy() {
        return action == PruneAction.DESTROY;
    }

    /** Whether only the newest snapshot protection keeps this snapshot. */
    public boolean keptByProtectionOnly() {
        return keptBy.equals(List.of(NewestSnapshotProtection.REASON));
    }
}
