package io.zreplcamel.processors.pruning;

import io.zreplcamel.config.values.GoRegex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: last_n}: among the snapshots whose name matches {@code regex} (all snapshots when there is no
 * regex), keeps the {@code count} newest: by creation, newest first, equal creation times broken by name
 * descending (zrepl's order; {@code createtxg} is not consulted, so the result does not depend on which side of
 * a replication the list comes from).
 */
public record LastNRule(int count, Optional<GoRegex> regex) implements RetentionRule {

    private static final Comparator<PruneSnapshot> NEWEST_FIRST = Comparator
            .comparing(PruneSnapshot::creation).reversed()
            .thenComparing(PruneSnapshot::name, Comparator.reverseOrder());

    public LastNRule {
        Objects.requireNonNull(regex, "regex");
        if (count <= 0) {
            throw new IllegalArgumentException("must specify positive number as 'keep last count', got " + count);
        }
        // An empty regex matches everything; treat it as "no regex" so descriptions stay short.
        regex = regex.filter(r -> !r.source().isEmpty());
    }

    public static LastNRule of(int count) {
        return new LastNRule(count, Optional.empty());
    }

    @Override
    public Set<PruneSnapshot> keep(List<PruneSnapshot> snapshots) {
        List<PruneSnapshot> matching = new ArrayList<>();
        for (PruneSnapshot s : snapshots) {
            if (regex.map(r -> r.find(s.name())).orElse(true)) {
                matching.add(s);
            }
        }
        matching.sort(NEWEST_FIRST);
        return new HashSet<>(matching.subList(0, Math.min(count, matching.size())));
    }

    @Override
    public String description() {
        return "last_n(count=" + count + regex.map(r -> ", regex=" + RegexRule.quote(r.source())).orElse("") + ")";
    }
}
