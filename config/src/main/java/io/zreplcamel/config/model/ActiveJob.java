package io.zreplcamel.config.model;

import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.transport.Connect;

/** Push and pull: connect to a passive peer, replicate, then prune both sides. */
public interface ActiveJob {

    String name();

    Connect connect();

    Pruning pruning();

    Replication replication();

    InitialReplication initialReplication();
}
