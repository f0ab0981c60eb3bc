package io.zreplcamel.processors.replication.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plan for one sender filesystem: the steps to run in order (empty: up to date, or a sender placeholder), or
 * the conflict that prevents replicating it.
 */
public record FilesystemPlan(String filesystem, List<Step> steps, Optional<Conflict> conflict) {

    public FilesystemPlan {
        Objects.requireNonNull(filesystem, "filesystem");
        steps = List.copyOf(steps);
        Objects.requireNonNull(conflict, "conflict");
        if (conflict.isPresent() && !steps.isEmpty()) {
            throw new IllegalArgumentException("a conflicting plan has no steps");
        }
    }

    public static FilesystemPlan of(String filesystem, List<Step> steps) {
        return new FilesystemPlan(filesystem, steps, Optional.empty());
    }

    public static FilesystemPlan failed(String filesystem, Conflict conflict) {
        return new FilesystemPlan(filesystem, List.of(), Optional.of(conflict));
    }

    public boolean failed() {
        return conflict.isPresent();
    }
}
