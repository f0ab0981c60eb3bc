package io.zreplcamel.processors.pruning;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers: snapshots at offsets from a fixed instant, rules from text. */
final class Snaps {

    static final Instant BASE = Instant.parse("2024-05-14T12:00:00Z");

    private Snaps() {
    }

    /** A snapshot {@code offset} after BASE (negative = before); createtxg follows creation. */
    static PruneSnapshot at(String name, Duration offset) {
        Instant creation = BASE.plus(offset);
        return PruneSnapshot.of(name, creation, creation.getEpochSecond() - BASE.getEpochSecond() + 1_000_000);
    }

    static PruneSnapshot minutes(String name, long minutesFromBase) {
        return at(name, Duration.ofMinutes(minutesFromBase));
    }

    static GridRule grid(String spec, String regex) {
        return new GridRule(RetentionGrid.parse(spec), GoRegex.compile(regex));
    }

    static GridRule grid(String spec) {
        return grid(spec, ".*");
    }

    static Set<String> names(Set<PruneSnapshot> snaps) {
        Set<String> out = new TreeSet<>();
        snaps.forEach(s -> out.add(s.name()));
        return out;
    }

    static List<String> names(List<PruneSnapshot> snaps) {
        List<String> out = new ArrayList<>();
        snaps.forEach(s -> out.add(s.name()));
        return out;
    }
}
