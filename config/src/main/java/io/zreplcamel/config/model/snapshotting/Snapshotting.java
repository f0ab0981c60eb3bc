package io.zreplcamel.config.model.snapshotting;

import io.zreplcamel.config.cron.CronSchedule;
import io.zreplcamel.config.values.TimestampFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code snapshotting}: when a job takes snapshots. Snapshot names are {@code prefix + timestampFormat.format(now)}.
 * {@code atomic} is our extension (default false): take the snapshots of one run with a single
 * {@code zfs snapshot} command (one timestamp for all filesystems) instead of zrepl's one-by-one.
 */
public sealed interface Snapshotting {

    /** The config's {@code type} value. */
    String type();

    /** Hooks around each snapshot, in config order (none for manual). */
    default List<Hook> hooks() {
        return List.of();
    }

    /** The snapshot name prefix (empty for manual). */
    default Optional<String> snapshotPrefix() {
        return Optional.empty();
    }

    /** Every {@code interval} (zrepl duration), aligned to the newest existing snapshot with {@code prefix}. */
    record Periodic(String prefix, Duration interval, TimestampFormat timestampFormat, List<Hook> hooks,
                    boolean atomic) implements Snapshotting {
        public Periodic {
            hooks = List.copyOf(hooks);
        }

        public String type() {
            return "periodic";
        }

        @Override
        public Optional<String> snapshotPrefix() {
            return Optional.of(prefix);
        }
    }

    /** At the fire times of {@code cron}. */
    record Cron(String prefix, CronSchedule cron, TimestampFormat timestampFormat, List<Hook> hooks, boolean atomic)
            implements Snapshotting {
        public Cron {
            hooks = List.copyOf(hooks);
        }

        public String type() {
            return "cron";
        }

        @Override
        public Optional<String> snapshotPrefix() {
            return Optional.of(prefix);
        }
    }

    /** Never; snapshots come from elsewhere (another job, an admin). */
    record Manual() implements Snapshotting {
        public String type() {
            return "manual";
        }
    }
}
