package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.guarantee.Abstraction;
import io.zreplcamel.processors.replication.guarantee.AbstractionParser;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.Hold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * zrepl's abstractions as they are on the local pools: found from one {@code zfs list} of snapshots and bookmarks
 * plus one {@code zfs holds} over only the snapshots whose {@code userrefs} is non-zero (spec §8.4), and removed by
 * name — a hold released by its exact tag, a bookmark destroyed by its exact name. Nothing else is ever touched.
 */
public final class LocalAbstractions {

    private static final EnumSet<DatasetType> VERSIONS = EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK);

    private final Supplier<Zfs> zfs;

    public LocalAbstractions(Supplier<Zfs> zfs) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
    }

    /**
     * Every abstraction on the given datasets and (recursive) below them; with no roots, on every pool.
     */
    public List<Abstraction> list(List<String> roots, boolean recursive) {
        List<DatasetEntry> entries = zfs.get().list(new ListRequest(roots, VERSIONS, recursive || roots.isEmpty(),
                recursive || roots.isEmpty() ? -1 : 1, List.of()));
        return fromEntries(entries);
    }

    /**
     * The abstractions among listed entries (which must carry {@code userrefs}): bookmarks are parsed by name,
     * holds are asked for with one {@code zfs holds} over the held snapshots only.
     */
    public List<Abstraction> fromEntries(List<DatasetEntry> entries) {
        List<Abstraction> out = new ArrayList<>();
        Map<String, DatasetEntry> held = new LinkedHashMap<>();
        for (DatasetEntry e : entries) {
            if (e.type() == DatasetType.BOOKMARK) {
                AbstractionParser.fromBookmark(e.dataset(), toVersion(e)).ifPresent(out::add);
            } else if (e.type() == DatasetType.SNAPSHOT && e.userRefs().orElse(0) > 0) {
                held.put(e.name(), e);
            }
        }
        if (!held.isEmpty()) {
            for (Hold h : zfs.get().holds(held.keySet(), false)) {
                DatasetEntry snap = held.get(h.snapshot());
                if (snap != null) {
                    AbstractionParser.fromHold(snap.dataset(), toVersion(snap), h.tag()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /**
     * Releases the hold abstractions (one {@code zfs release} per tag) and destroys the bookmark abstractions (one
     * {@code zfs destroy fs#name} each). A bookmark that is already gone counts as destroyed.
     *
     * @return what failed, by {@link Abstraction#describe()}; empty when all went
     */
    public Map<String, String> remove(Collection<Abstraction> abstractions) {
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, List<Abstraction>> byTag = new LinkedHashMap<>();
        for (Abstraction a : abstractions) {
            if (a.type().isBookmark()) {
                try {
                    zfs.get().destroy(a.fullVersionName(), false);
                } catch (DatasetNotFoundException gone) {
                    // already destroyed: the requested state holds
                } catch (ZfsException e) {
                    failed.put(a.describe(), e.getMessage());
                }
            } else {
                byTag.computeIfAbsent(a.holdTag().orElseThrow(), t -> new ArrayList<>()).add(a);
            }
        }
        byTag.forEach((tag, holds) -> {
            try {
                zfs.get().release(tag, holds.stream().map(Abstraction::fullVersionName).toList(), false);
            } catch (ZfsException e) {
                holds.forEach(a -> failed.put(a.describe(), e.getMessage()));
            }
        });
        return failed;
    }

    static FilesystemVersion toVersion(DatasetEntry e) {
        return e.type() == DatasetType.BOOKMARK
                ? FilesystemVersion.bookmark(e.shortName(), e.guid(), e.createTxg(), e.creation())
                : FilesystemVersion.snapshot(e.shortName(), e.guid(), e.createTxg(), e.creation());
    }
}
