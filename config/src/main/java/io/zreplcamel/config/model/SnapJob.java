package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import java.util.List;

/**
 * {@code type: snap}: snapshots and prunes locally ({@code pruning.keep}; {@code not_replicated} is not allowed).
 *
 * @param protectNewest {@code pruning.protect_newest}, see {@link Pruning#protectNewest()}
 */
public record SnapJob(String name, FilesystemFilter filesystems, Snapshotting snapshotting, List<KeepRule> keep,
                      boolean protectNewest)
        implements Job, SnapshottingJob {
    public SnapJob {
        keep = List.copyOf(keep);
    }

    /** With {@code protect_newest} at its default. */
    public SnapJob(String name, FilesystemFilter filesystems, Snapshotting snapshotting, List<KeepRule> keep) {
        this(name, filesystems, snapshotting, keep, Pruning.PROTECT_NEWEST_DEFAULT);
    }
}
