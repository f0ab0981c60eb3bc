package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import java.util.List;

/** {@code type: snap}: snapshots and prunes locally ({@code pruning.keep}; {@code not_replicated} is not allowed). */
public record SnapJob(String name, FilesystemFilter filesystems, Snapshotting snapshotting, List<KeepRule> keep)
        implements Job, SnapshottingJob {
    public SnapJob {
        keep = List.copyOf(keep);
    }
}
