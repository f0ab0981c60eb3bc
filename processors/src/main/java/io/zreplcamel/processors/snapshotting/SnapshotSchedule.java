package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.config.cron.CronSchedule;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When a snapshotting section fires next, for planning and simulation: periodic runs every {@code interval}
 * after the previous run, cron at the schedule's next fire time (in the schedule's {@code CRON_TZ}, else the
 * daemon's zone), manual never.
 */
public final class SnapshotSchedule {

    private final Snapshotting snapshotting;
    private final ZoneId daemonZone;

    public SnapshotSchedule(Snapshotting snapshotting, ZoneId daemonZone) {
        this.snapshotting = Objects.requireNonNull(snapshotting, "snapshotting");
        this.daemonZone = Objects.requireNonNull(daemonZone, "daemonZone");
    }

    /** The first run strictly after {@code previous}; empty for manual (or a cron that never fires). */
    public Optional<Instant> nextAfter(Instant previous) {
        if (snapshotting instanceof Snapshotting.Periodic p) {
            return Optional.of(PeriodicSyncUp.nextRun(previous, p.interval()));
        }
        if (snapshotting instanceof Snapshotting.Cron c) {
            CronSchedule cron = c.cron();
            ZoneId zone = cron.zone().orElse(daemonZone);
            return cron.next(previous.atZone(zone)).map(t -> t.toInstant());
        }
        return Optional.empty();
    }
}
