package io.zreplcamel.processors.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot or bookmark of one filesystem, as listed from ZFS ({@code zfs list -t snapshot,bookmark}): the one
 * version model shared by pruning, replication planning and the endpoints. Versions are identified by
 * {@link #guid()} (a bookmark has the guid, createtxg and creation of the snapshot it was made from) and ordered by
 * {@link #createTxg()}; the name is for display and for building the {@code fs@name} / {@code fs#name} argument.
 *
 * @param name short name, after the {@code @} or {@code #}
 * @param guid uint64 held in a long (print with {@link Long#toUnsignedString(long)})
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

    public boolean isBookmark() {
        return kind == Kind.BOOKMARK;
    }

    /** {@code fs@name} or {@code fs#name}. */
    public String fullName(String filesystem) {
        return filesystem + relativeName();
    }

    /** {@code @name} or {@code #name}, as ZFS writes it after the dataset. */
    public String relativeName() {
        return (kind == Kind.SNAPSHOT ? "@" : "#") + name;
    }
}
