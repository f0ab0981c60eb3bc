package io.zreplcamel.processors.snapshotting;

import java.util.List;
import java.util.Objects;

/**
 * Filesystems snapshotted together under one name. Without {@code atomic} each batch holds one filesystem (zrepl:
 * one {@code zfs snapshot} per filesystem, each with its own timestamp). With {@code atomic: true} (our extension)
 * a batch holds every filesystem of one pool, snapshotted by a single {@code zfs snapshot pool/a@n pool/b@n ...},
 * which ZFS applies atomically within a pool; pools cannot be combined, so there is one batch per pool.
 */
public record SnapshotBatch(String pool, List<String> filesystems, boolean atomic) {

    public SnapshotBatch {
        Objects.requireNonNull(pool, "pool");
        filesystems = List.copyOf(filesystems);
        if (filesystems.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one filesystem");
        }
    }
}
