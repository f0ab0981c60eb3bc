package io.zreplcamel.config.model.pruning;

import java.util.List;

/**
 * {@code pruning} of an active job: rules for the sending side and for the receiving side (both non-empty), and
 * {@code protect_newest} for both sides.
 *
 * @param protectNewest zrepl-camel's extension key {@code protect_newest} (default {@link #PROTECT_NEWEST_DEFAULT}):
 *                      also keep the newest snapshot a grid rule matches when no rule keeps it; never changes what
 *                      the rules decide (docs/pruning.md). Snap jobs have the same key
 *                      ({@code SnapJob#protectNewest()}).
 */
public record Pruning(List<KeepRule> keepSender, List<KeepRule> keepReceiver, boolean protectNewest) {

    /** The config key, in every job's {@code pruning} section. */
    public static final String PROTECT_NEWEST_KEY = "protect_newest";

    /**
     * On: it keeps at most one snapshot more than zrepl per filesystem, and without it a grid whose first interval
     * keeps a count destroys the snapshot a run has just taken (zrepl issues 659, 712).
     */
    public static final boolean PROTECT_NEWEST_DEFAULT = true;

    public Pruning {
        keepSender = List.copyOf(keepSender);
        keepReceiver = List.copyOf(keepReceiver);
    }

    /** With {@code protect_newest} at its default. */
    public Pruning(List<KeepRule> keepSender, List<KeepRule> keepReceiver) {
        this(keepSender, keepReceiver, PROTECT_NEWEST_DEFAULT);
    }
}
