package io.zreplcamel.processors.job;

import io.zreplcamel.processors.snapshotting.SnapshotSchedule;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a snapshotting job runs next, driven by a ticking clock (the route's Quartz timer). Pure state machine:
 * the first run time comes from outside (periodic sync-up or the cron schedule), after each run the next one is
 * the schedule's next time after the run's start. Cron fire times that pass while a run is still going are not
 * caught up but skipped and counted, as zrepl does ("cron frequency is too high").
 */
public final class SnapJobTrigger {

    private final SnapshotSchedule schedule;
    private Optional<Instant> nextRun = Optional.empty();
    private Optional<Instant> retryInitializationAt = Optional.empty();
    private boolean initialized;
    private long skipped;

    public SnapJobTrigger(SnapshotSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    public synchronized boolean initialized() {
        return initialized;
    }

    /**
     * Whether the first run may be computed now: not before the time given by the last
     * {@link #initializationFailed}. Computing it lists the datasets, so a failing {@code zfs list} must not be
     * retried on every tick (zrepl's SyncUpErrWait waits one interval).
     */
    public synchronized boolean mayInitialize(Instant now) {
        return !initialized && retryInitializationAt.map(t -> !now.isBefore(t)).orElse(true);
    }

    /** Computing the first run failed; try again at {@code retryAt}. */
    public synchronized void initializationFailed(Instant retryAt) {
        this.retryInitializationAt = Optional.of(Objects.requireNonNull(retryAt, "retryAt"));
    }

    /** When a failed first-run computation is tried again, if it failed. */
    public synchronized Optional<Instant> retryInitializationAt() {
        return initialized ? Optional.empty() : retryInitializationAt;
    }

    /** Sets the first run (empty: never, e.g. manual snapshotting). */
    public synchronized void initialize(Optional<Instant> firstRun) {
        this.nextRun = Objects.requireNonNull(firstRun, "firstRun");
        this.initialized = true;
    }

    public synchronized boolean isDue(Instant now) {
        return initialized && nextRun.isPresent() && !now.isBefore(nextRun.get());
    }

    /** A run started at {@code start}: schedule the next one. */
    public synchronized void started(Instant start) {
        nextRun = schedule.nextAfter(start);
    }

    /**
     * A run finished at {@code end}: fire times that passed meanwhile are skipped and counted; a periodic
     * schedule whose next time has passed runs at once (zrepl's Waiting state does the same).
     *
     * @return how many fire times were skipped now
     */
    public synchronized long finished(Instant end, boolean periodic) {
        if (periodic || nextRun.isEmpty()) {
            return 0;
        }
        long missed = 0;
        while (nextRun.isPresent() && nextRun.get().isBefore(end)) {
            missed++;
            nextRun = schedule.nextAfter(nextRun.get());
        }
        skipped += missed;
        return missed;
    }

    public synchronized Optional<Instant> nextRun() {
        return nextRun;
    }

    /** Total fire times skipped because the previous run had not finished. */
    public synchronized long skipped() {
        return skipped;
    }
}
