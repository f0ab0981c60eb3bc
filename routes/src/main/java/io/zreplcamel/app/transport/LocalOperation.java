package io.zreplcamel.app.transport;

/**
 * The calls of the {@link io.zreplcamel.processors.endpoint.Sender} and
 * {@link io.zreplcamel.processors.endpoint.Receiver} interfaces, as they travel in the
 * {@link LocalTransport#OPERATION} header of an exchange to a passive job's route.
 */
public enum LocalOperation {
    LIST_FILESYSTEMS,
    LIST_VERSIONS,
    DESTROY_SNAPSHOTS,
    // receiver
    RECEIVE,
    // sender
    ESTIMATE_SIZE,
    SEND,
    SEND_COMPLETED,
    REPLICATION_CURSORS
}
