package io.zreplcamel.config.model;

import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.transport.Connect;

/** {@code type: pull}: fetches from a source every {@code interval} into {@code rootFs}, prunes both sides. */
public record PullJob(String name, Connect connect, String rootFs, PullInterval interval, RecvOptions recv,
                      Pruning pruning, Replication replication, InitialReplication initialReplication)
        implements Job, ActiveJob, ReceivingJob {

    @Override
    public boolean appendsClientIdentity() {
        return false;
    }
}
