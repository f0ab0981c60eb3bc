package io.zreplcamel.config.filter;

import java.util.Optional;

/**
 * The outcome of {@link FilesystemFilter#evaluate}: whether the dataset is taken, and the pattern that decided
 * (empty when no pattern matched, which rejects).
 */
public record FilterDecision(boolean accepted, Optional<String> rule) {

    public static FilterDecision noMatch() {
        return new FilterDecision(false, Optional.empty());
    }
}
