package io.zreplcamel.processors.pruning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code type: not_replicated}: keeps every snapshot not marked {@link PruneSnapshot#replicated() replicated},
 * i.e. the replication cursor's snapshot and everything newer. Whether the cursor's own snapshot counts as
 * replicated ({@code keep_snapshot_at_cursor: false}) is decided when the marks are computed
 * ({@link ReplicationMarks}), as in zrepl, where the flag is per pruning side rather than per rule.
 */
public record NotReplicatedRule(boolean keepSnapshotAtCursor) implements RetentionRule {

    @Override
    public Set<PruneSnapshot> keep(List<PruneSnapshot> snapshots) {
        Set<PruneSnapshot> kept = new HashSet<>();
        for (PruneSnapshot s : snapshots) {
            if (!s.replicated()) {
                kept.add(s);
            }
        }
        return kept;
    }

    @Override
    public String description() {
        return keepSnapshotAtCursor ? "not_replicated" : "not_replicated(keep_snapshot_at_cursor=false)";
    }
}
