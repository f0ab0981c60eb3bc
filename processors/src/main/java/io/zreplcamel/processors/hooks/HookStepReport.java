package io.zreplcamel.processors.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a hook plan as the status view and the run report see it.
 *
 * @param hook       the hook's description ({@code command "/etc/zrepl/hooks/db.sh"}) or {@code snapshot} for the
 *                   callback
 * @param errIsFatal whether a failure of this (pre) step stops the snapshot
 * @param begin      when it started, empty while pending or skipped
 * @param end        when it ended
 * @param output     combined stdout/stderr (bounded), empty for the callback
 */
public record HookStepReport(HookEdge edge, String hook, boolean errIsFatal, HookStepStatus status,
                             Optional<Instant> begin, Optional<Instant> end, Optional<String> error, String output) {

    public HookStepReport {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(status, "status");
    }

    public Optional<Duration> runTime() {
        return begin.flatMap(b -> end.map(e -> Duration.between(b, e)));
    }

    /** zrepl's one-line rendering: {@code [Ok] [12ms] ! [pre]  command "/x.sh"}. */
    @Override
    public String toString() {
        String fatal = errIsFatal && edge == HookEdge.PRE ? "!" : "~";
        String time = runTime().map(d -> d.toMillis() + "ms").orElse("...");
        return "[" + status + "] [" + time + "] " + fatal + " [" + edge.label() + "]  " + hook
                + error.map(e -> ": " + e).orElse("");
    }
}
