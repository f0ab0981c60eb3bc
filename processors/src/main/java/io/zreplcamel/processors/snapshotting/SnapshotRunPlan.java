package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.config.model.snapshotting.Hook;
import java.util.List;

/**
 * What one snapshot run will do: batches in order (pools and filesystems sorted by name), the configured hooks
 * (each batch's filesystems pick theirs by filter), and warnings such as hooks that match no filesystem. Names
 * are not part of the plan: each batch is named when it starts, as zrepl names each snapshot when it is taken.
 */
public record SnapshotRunPlan(List<SnapshotBatch> batches, List<Hook> hooks, List<String> warnings) {

    public SnapshotRunPlan {
        batches = List.copyOf(batches);
        hooks = List.copyOf(hooks);
        warnings = List.copyOf(warnings);
    }

    /** All filesystems of the run, in execution order. */
    public List<String> filesystems() {
        return batches.stream().flatMap(b -> b.filesystems().stream()).toList();
    }
}
