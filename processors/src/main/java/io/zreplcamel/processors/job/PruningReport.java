package io.zreplcamel.processors.job;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pruning of one side of an active job.
 *
 * @param side      {@code sender} or {@code receiver}
 * @param destroyed full names ({@code fs@snap}) destroyed
 * @param failed    per filesystem (or {@code fs@snap}), why it was not pruned or a destroy failed
 * @param error     the side-level error (listing failed), when nothing could be planned
 */
public record PruningReport(String side, List<String> destroyed, Map<String, String> failed, Optional<String> error) {

    public PruningReport {
        Objects.requireNonNull(side, "side");
        destroyed = List.copyOf(destroyed);
        failed = Map.copyOf(failed);
        Objects.requireNonNull(error, "error");
    }

    public boolean successful() {
        return failed.isEmpty() && error.isEmpty();
    }
}
