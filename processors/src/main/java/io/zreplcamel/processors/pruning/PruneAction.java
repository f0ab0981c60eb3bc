package io.zreplcamel.processors.pruning;

/** What the plan does with a snapshot. */
public enum PruneAction {
    KEEP("keep"),
    DESTROY("destroy");

    private final String label;

    PruneAction(String label) {
        this.label = label;
    }

    /** {@code keep} or {@code destroy}, as printed by {@code test prune --json}. */
    public String label() {
        return label;
    }
}
