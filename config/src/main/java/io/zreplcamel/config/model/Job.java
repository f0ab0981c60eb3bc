package io.zreplcamel.config.model;

/**
 * A configured job. The five kinds: {@link SnapJob} (local snapshots and pruning), {@link PushJob} (active sender),
 * {@link PullJob} (active receiver), {@link SinkJob} (passive receiver), {@link SourceJob} (passive sender). The
 * capability interfaces {@link ActiveJob}, {@link PassiveJob}, {@link SnapshottingJob}, {@link SendingJob} and
 * {@link ReceivingJob} group what kinds share.
 */
public sealed interface Job permits SnapJob, PushJob, PullJob, SinkJob, SourceJob {

    /** The job name (zrepl's JobID): unique, persisted in ZFS bookmark names and hold tags. */
    String name();

    /** The config's {@code type} value. */
    default String type() {
        return JobType.of(this).configName();
    }
}
