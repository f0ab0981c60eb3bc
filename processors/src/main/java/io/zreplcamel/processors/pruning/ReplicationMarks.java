package io.zreplcamel.processors.pruning;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns a filesystem's versions and its replication cursor into the snapshots the rules see, with
 * {@link PruneSnapshot#replicated()} set as zrepl's pruner sets it: ordered by {@code createtxg}, every snapshot
 * strictly older than the snapshot whose guid equals the cursor's is replicated; the cursor snapshot itself only
 * when {@code snapshotAtCursorIsReplicated}; newer ones are not. If no snapshot has the cursor's guid (it was
 * destroyed, or the cursor is on a bookmark only), nothing counts as replicated, so {@code not_replicated}
 * keeps everything. The guid is compared, not {@code createtxg}, because the two sides are different pools.
 */
public final class ReplicationMarks {

    private ReplicationMarks() {
    }

    /** The snapshots (bookmarks dropped), oldest first, with replicated flags relative to {@code cursorGuid}. */
    public static List<PruneSnapshot> mark(List<FilesystemVersion> versions, long cursorGuid,
                                           boolean snapshotAtCursorIsReplicated) {
        List<FilesystemVersion> snapshots = new ArrayList<>();
        for (FilesystemVersion v : versions) {
            if (v.isSnapshot()) {
                snapshots.add(v);
            }
        }
        snapshots.sort(Comparator.comparingLong(FilesystemVersion::createTxg));
        boolean beforeCursor = snapshots.stream().anyMatch(v -> v.guid() == cursorGuid);
        List<PruneSnapshot> out = new ArrayList<>(snapshots.size());
        for (FilesystemVersion v : snapshots) {
            boolean atCursor = v.guid() == cursorGuid;
            beforeCursor = beforeCursor && !atCursor;
            boolean replicated = beforeCursor || (snapshotAtCursorIsReplicated && atCursor);
            out.add(new PruneSnapshot(v.name(), v.guid(), v.createTxg(), v.creation(), replicated));
        }
        return out;
    }

    /** The snapshots with no replicated marks (snap jobs, where {@code not_replicated} is not allowed). */
    public static List<PruneSnapshot> unmarked(List<FilesystemVersion> versions) {
        List<PruneSnapshot> out = new ArrayList<>();
        versions.stream().filter(FilesystemVersion::isSnapshot)
                .sorted(Comparator.comparingLong(FilesystemVersion::createTxg))
                .forEach(v -> out.add(new PruneSnapshot(v.name(), v.guid(), v.createTxg(), v.creation(), false)));
        return out;
    }

    /**
     * zrepl's stand-in cursor for snap jobs: the newest version by {@code createtxg}, snapshot or bookmark.
     * Empty when the filesystem has no versions.
     */
    public static OptionalLong localCursorGuid(List<FilesystemVersion> versions) {
        return versions.stream().max(Comparator.comparingLong(FilesystemVersion::createTxg))
                .map(v -> OptionalLong.of(v.guid())).orElse(OptionalLong.empty());
    }
}
