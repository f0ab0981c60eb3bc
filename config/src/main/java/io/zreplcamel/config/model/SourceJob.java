package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Serve;

/** {@code type: source}: snapshots and serves its filesystems to pull jobs (which also prune it). */
public record SourceJob(String name, Serve serve, FilesystemFilter filesystems, Snapshotting snapshotting,
                        SendOptions send)
        implements Job, PassiveJob, SnapshottingJob, SendingJob {
}
