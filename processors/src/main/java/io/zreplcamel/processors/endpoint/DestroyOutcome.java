package io.zreplcamel.processors.endpoint;

import java.util.List;
import java.util.Map;

/**
 * Result of an endpoint's batched snapshot destroy: what is gone and, per snapshot that is not, why (held, has
 * clones…). Plain data so that it can cross a transport.
 *
 * @param destroyed short snapshot names destroyed
 * @param failed    short snapshot name → reason
 */
public record DestroyOutcome(List<String> destroyed, Map<String, String> failed) {

    public DestroyOutcome {
        destroyed = List.copyOf(destroyed);
        failed = Map.copyOf(failed);
    }

    public boolean allDestroyed() {
        return failed.isEmpty();
    }
}
