package io.zreplcamel.processors.pruning;

import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code type: grid}: fits the snapshots whose name matches {@code regex} into a {@link RetentionGrid}, exactly as
 * zrepl does:
 * <ul>
 *   <li>"now" is the creation time of the newest matching snapshot, not the wall clock;</li>
 *   <li>interval 1 covers ages {@code [0, len1)} before now, interval 2 the {@code len2} right before that, and
 *       so on: a snapshot exactly {@code len1} older than now is in interval 2 (each interval includes its younger
 *       edge and excludes its older edge);</li>
 *   <li>in an interval that keeps K, the <b>oldest</b> K snapshots are kept and the younger ones are not, so with
 *       a first interval {@code 1x1h} (keep 1) the newest snapshot is not kept by this rule whenever an older one
 *       shares its hour; {@code keep=all} keeps the whole interval;</li>
 *   <li>snapshots older than the last interval, and snapshots whose name does not match, are not kept.</li>
 * </ul>
 * Within an interval, "oldest" orders by creation and then by {@code createtxg}; zrepl orders equal creation
 * times by input position, which is an accident of its sort, not a rule.
 *
 * <p>There is no variant: the rule is zrepl's, always. Keeping the snapshot just taken is a separate step of the
 * planner ({@link NewestSnapshotProtection}) that never changes what this rule decides.
 */
public record GridRule(RetentionGrid grid, GoRegex regex) implements RetentionRule {

    public GridRule {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(regex, "regex");
        if (regex.source().isEmpty()) {
            throw new IllegalArgumentException("Regex must not be empty");
        }
    }

    /**
     * Where each matching snapshot landed.
     *
     * @param now       creation of the newest matching snapshot (null when none matched)
     * @param intervals for each matching snapshot, its 0-based interval index, or -1 when older than the grid
     * @param kept      the snapshots this rule keeps
     */
    public record Fit(Instant now, Map<PruneSnapshot, Long> intervals, Set<PruneSnapshot> kept) {
    }

    @Override
    public Set<PruneSnapshot> keep(List<PruneSnapshot> snapshots) {
        return fit(snapshots).kept();
    }

    /** Computes the fit, for plans that explain themselves. */
    public Fit fit(List<PruneSnapshot> snapshots) {
        List<PruneSnapshot> matching = new ArrayList<>();
        for (PruneSnapshot s : snapshots) {
            if (regex.find(s.name())) {
                matching.add(s);
            }
        }
        if (matching.isEmpty()) {
            return new Fit(null, Map.of(), Set.of());
        }
        matching.sort(PruneSnapshot::youngestFirst);
        Instant now = matching.get(0).creation();

        Map<PruneSnapshot, Long> intervalOf = new LinkedHashMap<>();
        // interval index -> members, oldest first after sorting below
        TreeMap<Long, List<PruneSnapshot>> members = new TreeMap<>();
        for (PruneSnapshot s : matching) {
            long index = intervalIndex(Duration.between(s.creation(), now));
            intervalOf.put(s, index);
            if (index >= 0) {
                members.computeIfAbsent(index, k -> new ArrayList<>()).add(s);
            }
        }
        Set<PruneSnapshot> kept = new HashSet<>();
        for (Map.Entry<Long, List<PruneSnapshot>> e : members.entrySet()) {
            int keepCount = intervalAt(e.getKey()).keepCount();
            List<PruneSnapshot> inInterval = e.getValue();
            if (keepCount == RetentionGrid.KEEP_ALL || inInterval.size() <= keepCount) {
                kept.addAll(inInterval);
            } else {
                // members were added youngest first; the oldest keepCount are at the end
                kept.addAll(inInterval.subList(inInterval.size() - keepCount, inInterval.size()));
            }
        }
        return new Fit(now, Collections.unmodifiableMap(intervalOf), Collections.unmodifiableSet(kept));
    }

    /** The 0-based interval an age falls into, or -1 past the end of the grid. Never negative ages here. */
    long intervalIndex(Duration age) {
        Duration start = Duration.ZERO;
        long firstIndex = 0;
        for (RetentionGrid.Item item : grid.items()) {
            Duration length = item.interval().length();
            Duration span = saturatingTimes(length, item.repeat());
            Duration intoItem = age.minus(start);
            if (intoItem.compareTo(span) < 0) {
                return firstIndex + intoItem.dividedBy(length);
            }
            start = saturatingPlus(start, span);
            firstIndex += item.repeat();
        }
        return -1;
    }

    private RetentionGrid.Interval intervalAt(long index) {
        long first = 0;
        for (RetentionGrid.Item item : grid.items()) {
            if (index < first + item.repeat()) {
                return item.interval();
            }
            first += item.repeat();
        }
        throw new IndexOutOfBoundsException(index);
    }

    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE / 4);

    private static Duration saturatingTimes(Duration d, long factor) {
        try {
            Duration r = d.multipliedBy(factor);
            return r.compareTo(FOREVER) > 0 ? FOREVER : r;
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    private static Duration saturatingPlus(Duration a, Duration b) {
        try {
            Duration r = a.plus(b);
            return r.compareTo(FOREVER) > 0 ? FOREVER : r;
        } catch (ArithmeticException e) {
            return FOREVER;
        }
    }

    @Override
    public String description() {
        return "grid(" + grid + ", regex=" + RegexRule.quote(regex.source()) + ")";
    }
}
