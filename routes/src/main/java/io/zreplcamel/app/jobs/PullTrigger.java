package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a pull job runs (zrepl's ticker): every {@code interval} from the daemon's start, the first one interval after
 * it; never for {@code manual}. A tick that passes while an invocation runs is not lost but queued once (zrepl warns
 * "pull job took longer than pull interval" and runs again right away); further missed ticks are dropped. Pure state,
 * driven by the route's timer and a clock.
 */
final class PullTrigger {

    private final Optional<Duration> interval;
    private Instant next;
    private boolean queued;

    PullTrigger(PullInterval interval, Instant start) {
        this.interval = Objects.requireNonNull(interval, "interval").every();
        this.next = this.interval.map(start::plus).orElse(null);
    }

    synchronized boolean isDue(Instant now) {
        return interval.isPresent() && (queued || !now.isBefore(next));
    }

    synchronized void started(Instant now) {
        queued = false;
        advancePast(now);
    }

    /** Returns whether a tick passed during the invocation (it is queued: the job is due again at once). */
    synchronized boolean finished(Instant end) {
        if (interval.isEmpty() || next.isAfter(end)) {
            return false;
        }
        queued = true;
        advancePast(end);
        return true;
    }

    synchronized Optional<Instant> nextRun() {
        // a queued run starts on the next tick; the grid time after it is what an admin plans with
        return Optional.ofNullable(next);
    }

    private void advancePast(Instant now) {
        if (interval.isEmpty()) {
            return;
        }
        while (!next.isAfter(now)) {
            next = next.plus(interval.get());
        }
    }
}
