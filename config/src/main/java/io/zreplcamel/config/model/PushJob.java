package io.zreplcamel.config.model;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;

/** {@code type: push}: snapshots, sends to a sink, prunes both sides. */
public record PushJob(String name, Connect connect, FilesystemFilter filesystems, Snapshotting snapshotting,
                      SendOptions send, Pruning pruning, Replication replication,
                      InitialReplication initialReplication)
        implements Job, ActiveJob, SnapshottingJob, SendingJob {
}
