package io.zreplcamel.config.model;

/** The {@code type} of a job. */
public enum JobType {
    SNAP, PUSH, PULL, SINK, SOURCE;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobType of(Job job) {
        if (job instanceof SnapJob) {
            return SNAP;
        } else if (job instanceof PushJob) {
            return PUSH;
        } else if (job instanceof PullJob) {
            return PULL;
        } else if (job instanceof SinkJob) {
            return SINK;
        } else if (job instanceof SourceJob) {
            return SOURCE;
        }
        throw new AssertionError(job);
    }
}
