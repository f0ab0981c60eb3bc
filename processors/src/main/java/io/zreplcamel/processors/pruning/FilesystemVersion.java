package io.zreplcamel.processors.pruning;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot or bookmark of one filesystem, as listed from ZFS ({@code zfs list -t snapshot,bookmark}).
 * The input of {@link ReplicationMarks}: bookmarks matter there (a snap job's stand-in cursor can be one),
 * and are dropped before the rules run.
 */
public record FilesystemVersion(String name, Kind kind, long guid, long createTxg, Instant creation) {

    public enum Kind { SNAPSHOT, BOOKMARK }

    public FilesystemVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(creation, "creation");
    }

    public static FilesystemVersion snapshot(String name, long guid, long createTxg, Instant creation) {
        return new FilesystemVersion(name, Kind.SNAPSHOT, guid, createTxg, creation);
    }

    public static FilesystemVersion bookmark(String name, long guid, long createTxg, Instant creation) {
        return new FilesystemVersion(name, Kind.BOOKMARK, guid, createTxg, creation);
    }

    public boolean isSnapshot() {
        return kind == Kind.SNAPSHOT;
    }

    /** {@code @name} or {@code #name}, as ZFS writes it after the dataset. */
    public String relativeName() {
        return (kind == Kind.SNAPSHOT ? "@" : "#") + name;
    }
}
