package io.zreplcamel.processors.replication.plan;

import java.util.Objects;

/** A filesystem's planning failure: what kind, and a message for the operator that says what to do. */
public record Conflict(ConflictKind kind, String message) {

    public Conflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
