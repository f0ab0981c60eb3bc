package io.zreplcamel.zfs;

import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DatasetEntry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A scoped {@code zfs list}: which roots, which types, how deep, and extra property columns to fetch in the same
 * process (so planning needs no per-dataset {@code zfs get}).
 *
 * @param roots           datasets to list from; empty means every pool (a whole-system walk: only when asked)
 * @param types           {@code -t}
 * @param recursive       {@code -r}
 * @param depth           {@code -d N}, or -1; implies recursion up to that depth
 * @param extraProperties additional {@code -o} columns (e.g. {@code receive_resume_token}, {@code zrepl:placeholder})
 * @param userRefs        fetch the {@code userrefs} column (hold counts); off for bulk version listings that only
 *                        need guid/createtxg/creation, so ZFS does not compute per-snapshot hold counts for them
 */
public record ListRequest(List<String> roots, Set<DatasetType> types, boolean recursive, int depth,
        List<String> extraProperties, boolean userRefs) {

    /** With the {@code userrefs} column (the default). */
    public ListRequest(List<String> roots, Set<DatasetType> types, boolean recursive, int depth,
            List<String> extraProperties) {
        this(roots, types, recursive, depth, extraProperties, true);
    }

    public ListRequest {
        roots = List.copyOf(roots);
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        extraProperties = List.copyOf(extraProperties);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("list needs at least one type");
        }
    }

    /** Filesystems and volumes under the roots, recursively. */
    public static ListRequest datasets(List<String> roots) {
        return new ListRequest(roots, EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME), true, -1, List.of());
    }

    /** Snapshots and/or bookmarks of exactly one filesystem (depth 1: not those of its children). */
    public static ListRequest versions(String filesystem, Set<DatasetType> types) {
        return new ListRequest(List.of(filesystem), types, false, 1, List.of());
    }

    public ListRequest withExtraProperties(List<String> props) {
        return new ListRequest(roots, types, recursive, depth, props, userRefs);
    }

    /** Without the {@code userrefs} column: entries then have no {@link DatasetEntry#userRefs()}. */
    public ListRequest withoutUserRefs() {
        return new ListRequest(roots, types, recursive, depth, extraProperties, false);
    }
}
