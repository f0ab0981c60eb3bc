package io.zreplcamel.processors.hooks;

/** Where a step of a hook plan stands; the labels are zrepl's. */
public enum HookStepStatus {
    PENDING("Pending"),
    EXEC("Exec"),
    OK("Ok"),
    ERR("Err"),
    /** Not run because an earlier pre-edge with {@code err_is_fatal} failed. */
    SKIPPED_DUE_TO_FATAL_ERR("SkippedDueToFatalErr"),
    /** A post-edge not run because its own pre-edge failed. */
    SKIPPED_DUE_TO_PRE_ERR("SkippedDueToPreErr");

    private final String label;

    HookStepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
