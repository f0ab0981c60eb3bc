package io.zreplcamel.config.model;

import java.time.Duration;
import java.util.Optional;

/** A pull job's {@code interval}: a positive zrepl duration, or {@code manual} (only {@code signal wakeup}). */
public record PullInterval(Optional<Duration> every) {

    public static PullInterval manual() {
        return new PullInterval(Optional.empty());
    }

    public static PullInterval of(Duration every) {
        return new PullInterval(Optional.of(every));
    }

    public boolean isManual() {
        return every.isEmpty();
    }
}
