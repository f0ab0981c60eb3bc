package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.values.TimestampFormat;
import java.time.Instant;
import java.util.Objects;

/** {@code name = prefix + timestamp_format(now)}; zrepl never parses names back, pruning uses {@code creation}. */
public record SnapshotNamer(String prefix, TimestampFormat timestampFormat) {

    public SnapshotNamer {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(timestampFormat, "timestampFormat");
    }

    /** The namer of a periodic or cron snapshotting section; manual snapshotting names nothing. */
    public static SnapshotNamer of(Snapshotting snapshotting) {
        if (snapshotting instanceof Snapshotting.Periodic p) {
            return new SnapshotNamer(p.prefix(), p.timestampFormat());
        }
        if (snapshotting instanceof Snapshotting.Cron c) {
            return new SnapshotNamer(c.prefix(), c.timestampFormat());
        }
        throw new IllegalArgumentException("snapshotting type " + snapshotting.type() + " takes no snapshots");
    }

    /** The snapshot name (without dataset) for a snapshot taken at {@code now}. */
    public String name(Instant now) {
        return prefix + timestampFormat.format(now);
    }

    /** Whether a snapshot name belongs to this job's snapshotting (zrepl's sync-up looks only at these). */
    public boolean owns(String snapshotName) {
        return snapshotName.startsWith(prefix);
    }
}
