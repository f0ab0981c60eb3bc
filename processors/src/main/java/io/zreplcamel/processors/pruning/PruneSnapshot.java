package io.zreplcamel.processors.pruning;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot as the retention rules see it: its name (the part after {@code @}), identity, age and whether it
 * counts as replicated. Bookmarks never reach the rules: they are never pruned.
 *
 * @param name       snapshot name without the dataset, e.g. {@code zrepl_20240514_211623_000}
 * @param guid       the ZFS {@code guid} (0 when unknown, e.g. from a hand-written list)
 * @param createTxg  the ZFS {@code createtxg}; orders snapshots of one dataset exactly
 * @param creation   the ZFS {@code creation} property; what the rules measure age by
 * @param replicated whether the snapshot is older than the replication cursor (see {@link ReplicationMarks});
 *                   only the {@code not_replicated} rule looks at it
 */
public record PruneSnapshot(String name, long guid, long createTxg, Instant creation, boolean replicated) {

    public PruneSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creation, "creation");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be empty");
        }
    }

    /** A snapshot with only what hand-written lists usually have. */
    public static PruneSnapshot of(String name, Instant creation, long createTxg) {
        return new PruneSnapshot(name, 0, createTxg, creation, false);
    }

    public PruneSnapshot withReplicated(boolean replicated) {
        return new PruneSnapshot(name, guid, createTxg, creation, replicated);
    }

    /** Younger first: by creation, then createtxg, then name, all descending. */
    static int youngestFirst(PruneSnapshot a, PruneSnapshot b) {
        int c = b.creation.compareTo(a.creation);
        if (c != 0) {
            return c;
        }
        c = Long.compare(b.createTxg, a.createTxg);
        return c != 0 ? c : b.name.compareTo(a.name);
    }
}
