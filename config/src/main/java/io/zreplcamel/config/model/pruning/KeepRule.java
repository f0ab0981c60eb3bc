package io.zreplcamel.config.model.pruning;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;

/**
 * One entry of {@code keep}, {@code keep_sender} or {@code keep_receiver}. A snapshot is destroyed only if every rule
 * of the list would destroy it. Bookmarks are never pruned. Regexes are Go RE2, unanchored.
 */
public sealed interface KeepRule {

    /** The config's {@code type} value. */
    String type();

    /**
     * Keeps snapshots not yet replicated (newer than the replication cursor). The cursor snapshot itself counts as
     * replicated only when {@code keepSnapshotAtCursor} is false (undocumented zrepl option, default true).
     */
    record NotReplicated(boolean keepSnapshotAtCursor) implements KeepRule {
        public String type() {
            return "not_replicated";
        }
    }

    /** Keeps the {@code count} newest snapshots whose name matches {@code regex} (empty regex = all names). */
    record LastN(int count, GoRegex regex) implements KeepRule {
        public String type() {
            return "last_n";
        }
    }

    /** Keeps snapshots whose name matches ({@code negate}: does not match) {@code regex}. */
    record Regex(GoRegex regex, boolean negate) implements KeepRule {
        public String type() {
            return "regex";
        }
    }

    /** Fits snapshots matching {@code regex} into the retention grid; non-matching ones are not kept by this rule. */
    record Grid(RetentionGrid grid, GoRegex regex) implements KeepRule {
        public String type() {
            return "grid";
        }
    }
}
