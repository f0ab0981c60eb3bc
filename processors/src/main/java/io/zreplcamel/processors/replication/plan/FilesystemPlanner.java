package io.zreplcamel.processors.replication.plan;

/**
 * Plans one filesystem's steps (zrepl's {@code replication/logic} planning): resume token first, then the incremental
 * path and conflicts, then the initial-replication policy. A pure function of its input.
 */
public final class FilesystemPlanner {

    private FilesystemPlanner() {
    }

    public static FilesystemPlan plan(PlanningInput input) {
        throw new UnsupportedOperationException("replication planning is being written (issue 10)");
    }
}
