package io.zreplcamel.processors.job;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a job needs to know about the local pools, fetched with as few {@code zfs} processes as possible: one
 * {@code zfs list} for all filesystems (the filter is applied in-process, as zrepl does), and one for the
 * snapshots and bookmarks of any number of filesystems ({@code -d 1} with every filesystem as an argument).
 * A run over 1,000 unchanged datasets therefore costs two processes, not 1,000.
 */
public final class LocalDatasets {

    private static final EnumSet<DatasetType> VERSIONS = EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK);

    private final Supplier<Zfs> zfs;

    public LocalDatasets(Zfs zfs) {
        Objects.requireNonNull(zfs, "zfs");
        this.zfs = () -> zfs;
    }

    /**
     * Asks {@code zfs} for the layer on every call: a component hands out a new layer after a Camel context restart
     * (JMX stop/start) and closes the old one, so a job must not keep the first it saw.
     */
    public LocalDatasets(Supplier<Zfs> zfs) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
    }

    /** Filesystems and volumes the filter accepts, in {@code zfs list} order. */
    public List<String> matching(FilesystemFilter filter) {
        List<String> out = new ArrayList<>();
        for (DatasetEntry e : zfs.get().list(ListRequest.datasets(List.of()))) {
            if (filter.accepts(e.name())) {
                out.add(e.name());
            }
        }
        return out;
    }

    /**
     * Snapshots and bookmarks of each filesystem, oldest first; every requested filesystem has an entry (empty
     * when it has no versions).
     */
    public Map<String, List<FilesystemVersion>> versions(Collection<String> filesystems) {
        Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
        for (String fs : filesystems) {
            out.put(fs, new ArrayList<>());
        }
        if (filesystems.isEmpty()) {
            return out;
        }
        for (DatasetEntry e : zfs.get().list(new ListRequest(List.copyOf(filesystems), VERSIONS, false, 1, List.of()))) {
            List<FilesystemVersion> versions = out.get(e.dataset());
            if (versions != null) {
                versions.add(toVersion(e));
            }
        }
        return out;
    }

    static FilesystemVersion toVersion(DatasetEntry e) {
        return e.type() == DatasetType.BOOKMARK
                ? FilesystemVersion.bookmark(e.shortName(), e.guid(), e.createTxg(), e.creation())
                : FilesystemVersion.snapshot(e.shortName(), e.guid(), e.createTxg(), e.creation());
    }
}
