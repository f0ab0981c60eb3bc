package io.zreplcamel.processors.replication.diff;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Ordering and display of one side's versions, shared by the incremental path and the planner. */
public final class Versions {

    /**
     * zrepl's order: by createtxg, a bookmark before the snapshot of the same txg (so that, scanning newest first, a
     * snapshot wins over its own bookmark); name last, to make the order total.
     */
    public static final Comparator<FilesystemVersion> ORDER = Comparator
            .comparingLong(FilesystemVersion::createTxg)
            .thenComparing(v -> v.isSnapshot())
            .thenComparing(FilesystemVersion::name);

    private Versions() {
    }

    /** The versions oldest first. */
    public static List<FilesystemVersion> sorted(List<FilesystemVersion> versions) {
        return versions.stream().sorted(ORDER).toList();
    }

    /** The snapshots only, oldest first. */
    public static List<FilesystemVersion> snapshots(List<FilesystemVersion> versions) {
        return versions.stream().filter(FilesystemVersion::isSnapshot).sorted(ORDER).toList();
    }

    /** The version with this guid, a snapshot preferred over a bookmark of the same guid. */
    public static Optional<FilesystemVersion> byGuid(List<FilesystemVersion> versions, long guid) {
        return versions.stream().filter(v -> v.guid() == guid)
                .max(Comparator.comparing(FilesystemVersion::isSnapshot));
    }

    /** {@code @a, @b, #c} for messages; {@code (none)} when empty. */
    public static String names(List<FilesystemVersion> versions) {
        if (versions.isEmpty()) {
            return "(none)";
        }
        return versions.stream().map(FilesystemVersion::relativeName).collect(Collectors.joining(", "));
    }
}
