package io.zreplcamel.platformtest.replication;

import io.zreplcamel.platformtest.TestPool;
import java.util.LinkedHashMap;
import java.util.Map;

/** The snapshots of a whole pool by guid, from one listing, for the daemon tests' end-state checks. */
final class PoolSnapshots {

    private final Map<String, String> guids = new LinkedHashMap<>();

    private PoolSnapshots() {
    }

    /** Every snapshot of the pool: full name → guid, oldest first per filesystem (one zfs list). */
    static PoolSnapshots of(TestPool pool) {
        PoolSnapshots s = new PoolSnapshots();
        for (String line : pool.zfs("list", "-H", "-p", "-o", "name,guid", "-t", "snapshot", "-s", "createtxg", "-r",
                pool.name()).check().lines()) {
            String[] f = line.split("\t");
            s.guids.put(f[0], f[1]);
        }
        return s;
    }

    /** The snapshots of exactly {@code fs}: short name → guid, oldest first. */
    Map<String, String> ofFilesystem(String fs) {
        Map<String, String> out = new LinkedHashMap<>();
        guids.forEach((name, guid) -> {
            if (name.startsWith(fs + "@")) {
                out.put(name.substring(fs.length() + 1), guid);
            }
        });
        return out;
    }
}
