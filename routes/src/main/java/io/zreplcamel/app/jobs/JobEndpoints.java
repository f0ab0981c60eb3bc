package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;

/**
 * The endpoints over this host's own datasets that replication jobs use: a push's and a source's sender, a pull's
 * and a sink's receiver. The daemon's are {@link ZfsJobEndpoints} (the zfs layer); route tests put in-memory ones in
 * their place. What the peer job is reached through (the transport) is not decided here.
 */
public interface JobEndpoints {

    Sender pushSender(PushJob job);

    Sender sourceSender(SourceJob job);

    Receiver pullReceiver(PullJob job);

    /** The receiver of one connecting client: confined to {@code root_fs/<clientIdentity>}. */
    Receiver sinkReceiver(SinkJob job, String clientIdentity);
}
