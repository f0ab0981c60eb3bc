package io.zreplcamel.processors.testing;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;

/** Hand-made versions: {@code createtxg} decides creation (one minute per txg) and, with the name, the guid. */
public final class Versions {

    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private Versions() {
    }

    public static FilesystemVersion snap(String name, long txg) {
        return FilesystemVersion.snapshot(name, guid(name, txg), txg, EPOCH.plusSeconds(60 * txg));
    }

    public static FilesystemVersion bookmarkOf(FilesystemVersion snapshot, String name) {
        return FilesystemVersion.bookmark(name, snapshot.guid(), snapshot.createTxg(), snapshot.creation());
    }

    public static long guid(String name, long txg) {
        return txg * 1_000_003L + (name.hashCode() & 0xffff);
    }
}
