package io.zreplcamel.config.values;

import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code grid} of a {@code type: grid} keep rule: a {@code |}-separated list of items
 * {@code <N>x<duration>[(keep=<K>)]}, e.g. {@code 1x1h(keep=all) | 24x1h | 14x1d}.
 *
 * <p>Each item stands for N consecutive intervals of the same length; {@code keep} is {@code all}
 * (also spelled {@code -1}) or a positive count, default 1. The duration is zrepl's own syntax
 * ({@link ZreplDuration#parsePositive}), not Go's.
 *
 * <p>Differences from zrepl, on purpose: a keep count of {@code 0} or below {@code -1} is rejected here,
 * at parse time, with a message; zrepl accepts it and then panics when the grid is first evaluated.
 * The interval-length rule that zrepl checks only when it builds the pruning rule
 * ("retention grid interval length must be monotonically increasing") is checked here too, so a bad
 * grid is reported as a config error in one place.
 *
 * <p>Immutable. Items are kept compact (a {@code 100000x1h} grid does not allocate 100000 objects);
 * {@link #intervals()} is the expanded, read-only view.
 */
public final class RetentionGrid {

    /** The keep count meaning "keep every snapshot in this interval" ({@code keep=all} or {@code keep=-1}). */
    public static final int KEEP_ALL = -1;

    // zrepl's item syntax, verbatim: note the duration group also swallows trailing spaces, and the
    // parameter group is greedy up to the last ')'.
    private static final Pattern ITEM =
            Pattern.compile("^\\s*(\\d+)\\s*x\\s*([^(]+)\\s*(\\((.*)\\))?\\s*$");
    // zrepl: `^\s*keep=(.+)\s*$` — the greedy value keeps trailing spaces, so "keep=all " is an error there
    // as it is here.
    private static final Pattern KEEP_PARAMETER = Pattern.compile("^\\s*keep=(.+)\\s*$");

    /** One interval of the grid: its length and how many snapshots it keeps ({@link #KEEP_ALL} for all). */
    public record Interval(Duration length, int keepCount) {
        public Interval {
            Objects.requireNonNull(length, "length");
            if (length.isZero() || length.isNegative()) {
                throw new IllegalArgumentException("interval length must be positive: " + length);
            }
            if (keepCount != KEEP_ALL && keepCount <= 0) {
                throw new IllegalArgumentException("keep count must be positive or KEEP_ALL: " + keepCount);
            }
        }

        public boolean keepsAll() {
            return keepCount == KEEP_ALL;
        }
    }

    /** One {@code <N>x<duration>(keep=K)} item as written: {@code repeat} copies of {@code interval}. */
    public record Item(long repeat, Interval interval) {
        public Item {
            Objects.requireNonNull(interval, "interval");
            if (repeat <= 0) {
                throw new IllegalArgumentException("repeat must be positive: " + repeat);
            }
        }
    }

    private final List<Item> items;
    private final long intervalCount;
    /** firstIndex[i] = index in the expanded list of the first interval of items[i]. */
    private final long[] firstIndex;

    private RetentionGrid(List<Item> items) {
        this.items = List.copyOf(items);
        this.firstIndex = new long[this.items.size()];
        long count = 0;
        for (int i = 0; i < this.items.size(); i++) {
            firstIndex[i] = count;
            count = Math.addExact(count, this.items.get(i).repeat());
        }
        this.intervalCount = count;
    }

    /** Builds a grid from items (programmatic use, tests); applies the same checks as {@link #parse}. */
    public static RetentionGrid of(List<Item> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("retention grid must specify at least one interval");
        }
        checkMonotonicLengths(items);
        return new RetentionGrid(items);
    }

    /**
     * Parses a grid spec such as {@code "1x1h(keep=all) | 24x1h | 14x1d"}.
     *
     * @throws IllegalArgumentException with zrepl's wording, e.g.
     *         {@code cannot parse interval 2 of 3: contains factor <= 0: 0x1h}
     */
    public static RetentionGrid parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("retention grid must not be empty");
        }
        String[] rawItems = spec.split("\\|", -1);
        List<Item> items = new ArrayList<>(rawItems.length);
        for (int i = 0; i < rawItems.length; i++) {
            try {
                items.add(parseItem(rawItems[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot parse interval " + (i + 1) + " of " + rawItems.length
                        + ": " + e.getMessage() + ": " + rawItems[i].strip(), e);
            }
        }
        return of(items);
    }

    private static Item parseItem(String text) {
        Matcher m = ITEM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("retention string does not match expected format");
        }
        long repeat;
        try {
            repeat = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("factor " + m.group(1) + " is out of range");
        }
        if (repeat <= 0) {
            throw new IllegalArgumentException("contains factor <= 0");
        }
        Duration length = ZreplDuration.parsePositive(m.group(2));
        int keep = 1;
        if (m.group(3) != null) {
            Matcher k = KEEP_PARAMETER.matcher(m.group(4));
            if (!k.matches()) {
                throw new IllegalArgumentException("interval parameter contains unknown parameters");
            }
            keep = parseKeepCount(k.group(1));
        }
        return new Item(repeat, new Interval(length, keep));
    }

    private static int parseKeepCount(String value) {
        if (value.equals("all")) {
            return KEEP_ALL;
        }
        int keep;
        try {
            keep = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot parse keep_count value");
        }
        if (keep == KEEP_ALL) {
            return KEEP_ALL;
        }
        if (keep <= 0) {
            // zrepl parses this and panics at evaluation ("keep count 0 is not allowed"); we refuse it up front.
            throw new IllegalArgumentException("keep_count must be a positive integer or \"all\" (or -1), got " + keep);
        }
        return keep;
    }

    /*
     * Intervals must not get shorter towards the past: a shorter interval after a longer one is almost always
     * a typo. zrepl allows one exception: while every interval so far keeps all snapshots, the next may be
     * shorter (e.g. "1x1d(keep=all) | 24x1h").
     */
    private static void checkMonotonicLengths(List<Item> items) {
        Duration previous = Duration.ZERO;
        boolean allPreviousKeepAll = true;
        for (Item item : items) {
            Interval interval = item.interval();
            if (interval.length().compareTo(previous) < 0 && !allPreviousKeepAll) {
                throw new IllegalArgumentException("retention grid interval length must be monotonically increasing");
            }
            previous = interval.length();
            allPreviousKeepAll = allPreviousKeepAll && interval.keepsAll();
        }
    }

    /** The items as written (compact form). */
    public List<Item> items() {
        return items;
    }

    /** Number of intervals after expanding {@code N x ...}. */
    public long intervalCount() {
        return intervalCount;
    }

    /**
     * The expanded intervals, youngest first. A read-only view; sizes above {@link Integer#MAX_VALUE} are
     * capped in {@link List#size()} (use {@link #items()} or {@link #intervalCount()} for such grids).
     */
    public List<Interval> intervals() {
        return new AbstractList<>() {
            @Override
            public Interval get(int index) {
                if (index < 0 || index >= size()) {
                    throw new IndexOutOfBoundsException(index);
                }
                return items.get(itemIndexOf(index)).interval();
            }

            @Override
            public int size() {
                return (int) Math.min(intervalCount, Integer.MAX_VALUE);
            }
        };
    }

    private int itemIndexOf(long intervalIndex) {
        int lo = 0;
        int hi = firstIndex.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstIndex[mid] <= intervalIndex) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The total time the grid covers (sum of all interval lengths), saturating at {@code Long.MAX_VALUE} seconds. */
    public Duration totalLength() {
        Duration total = Duration.ZERO;
        for (Item item : items) {
            try {
                total = total.plus(item.interval().length().multipliedBy(item.repeat()));
            } catch (ArithmeticException e) {
                return Duration.ofSeconds(Long.MAX_VALUE);
            }
        }
        return total;
    }

    /** A normalized spec, e.g. {@code 1x1h(keep=all) | 24x1h | 14x1d}, that {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Item item : items) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(item.repeat()).append('x').append(formatLength(item.interval().length()));
            int keep = item.interval().keepCount();
            if (keep == KEEP_ALL) {
                sb.append("(keep=all)");
            } else if (keep != 1) {
                sb.append("(keep=").append(keep).append(')');
            }
        }
        return sb.toString();
    }

    private static String formatLength(Duration d) {
        long s = d.getSeconds();
        if (s % (7 * 86400) == 0) {
            return s / (7 * 86400) + "w";
        }
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionGrid other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
