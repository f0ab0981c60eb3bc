package io.zreplcamel.processors.hooks;

/** The three kinds of step around one snapshot. */
public enum HookEdge {
    PRE("pre"),
    /** The action the hooks wrap: taking the snapshot. */
    CALLBACK("callback"),
    POST("post");

    private final String label;

    HookEdge(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code ZREPL_HOOKTYPE}: {@code pre_snapshot} or {@code post_snapshot}. */
    public String hookType() {
        return label + "_snapshot";
    }
}
