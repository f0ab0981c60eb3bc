package io.zreplcamel.app.jobs;

/**
 * Told of every finished run, after its event was built and before the route publishes it: the daemon's metrics.
 * Called on the job's route thread; must not throw or block.
 */
public interface RunObserver {

    RunObserver NONE = new RunObserver() {
    };

    /** A push or pull invocation ended. */
    default void replicationRun(ReplicationJobEvent event) {
    }

    /** A snap job's run ended. */
    default void snapRun(SnapJobEvent event) {
    }

    /** A source job's snapshot run ended. */
    default void sourceSnapshotRun(SourceSnapshotEvent event) {
    }
}
