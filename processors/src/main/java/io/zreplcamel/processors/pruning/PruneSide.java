package io.zreplcamel.processors.pruning;

/** Which snapshots a pruner works on; the same planner serves all three. */
public enum PruneSide {
    /** The sending side of a push/pull job ({@code keep_sender}). */
    SENDER("sender"),
    /** The receiving side of a push/pull job ({@code keep_receiver}). */
    RECEIVER("receiver"),
    /** A snap job's own filesystems ({@code pruning.keep}); there is no replication, so no cursor. */
    LOCAL("local");

    private final String label;

    PruneSide(String label) {
        this.label = label;
    }

    /** The word used in reports and metrics ({@code prune_side}). */
    public String label() {
        return label;
    }

    /** Parses {@code sender}, {@code receiver} or {@code local}. */
    public static PruneSide ofLabel(String label) {
        for (PruneSide s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown prune side \"" + label + "\" (expected sender, receiver or local)");
    }
}
