package io.zreplcamel.config.cron;

import io.zreplcamel.config.values.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron schedule in the syntax zrepl accepts (robfig/cron v3 with an optional leading seconds field):
 * {@code [second] minute hour day-of-month month day-of-week}, each field a comma list of {@code *}, {@code ?},
 * {@code N}, {@code N-M}, optionally with {@code /step} ({@code N/step} means {@code N-max/step}); months and
 * weekdays may be names ({@code JAN}, {@code mon}); day-of-week is 0-6 with 0 = Sunday. When both day-of-month and
 * day-of-week are restricted (neither is {@code *} or {@code ?}), a day matches if either matches.
 *
 * <p>A {@code CRON_TZ=Zone} or {@code TZ=Zone} prefix fixes the zone; otherwise {@link #next} evaluates in the zone
 * of the time it is given (the daemon passes its local zone). Our extension over zrepl: robfig's descriptors
 * {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} and {@code @every <Go duration>}.
 *
 * <p>Daylight-saving behaviour is robfig's: wall-clock times that do not exist (spring forward) are skipped, wall-clock
 * times that exist twice (fall back) fire twice.
 */
public final class CronSchedule {

    /** How far {@link #next} looks ahead before it concludes that the schedule never fires. */
    public static final int SEARCH_YEARS = 10;

    private static final Map<String, Integer> MONTH_NAMES = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAY_NAMES = Map.of(
            "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

    private static final FieldKind SECOND = new FieldKind("second", 0, 59, Map.of());
    private static final FieldKind MINUTE = new FieldKind("minute", 0, 59, Map.of());
    private static final FieldKind HOUR = new FieldKind("hour", 0, 23, Map.of());
    private static final FieldKind DAY_OF_MONTH = new FieldKind("day-of-month", 1, 31, Map.of());
    private static final FieldKind MONTH = new FieldKind("month", 1, 12, MONTH_NAMES);
    private static final FieldKind DAY_OF_WEEK = new FieldKind("day-of-week", 0, 6, DAY_NAMES);

    private final String spec;
    private final ZoneId zone; // null: the zone of the time passed to next()
    private final Duration every; // non-null only for @every
    private final Field seconds;
    private final Field minutes;
    private final Field hours;
    private final Field daysOfMonth;
    private final Field months;
    private final Field daysOfWeek;

    private CronSchedule(String spec, ZoneId zone, Duration every, Field[] fields) {
        this.spec = spec;
        this.zone = zone;
        this.every = every;
        this.seconds = fields == null ? null : fields[0];
        this.minutes = fields == null ? null : fields[1];
        this.hours = fields == null ? null : fields[2];
        this.daysOfMonth = fields == null ? null : fields[3];
        this.months = fields == null ? null : fields[4];
        this.daysOfWeek = fields == null ? null : fields[5];
    }

    /** Parses {@code spec}; throws {@link IllegalArgumentException} saying which field is wrong and why. */
    public static CronSchedule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("invalid cron spec \"\": empty");
        }
        String rest = spec.trim();
        ZoneId zone = null;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = firstWhitespace(rest);
            String zoneName = rest.substring(rest.indexOf('=') + 1, space < 0 ? rest.length() : space);
            if (space < 0) {
                throw invalid(spec, "nothing after the time zone " + zoneName);
            }
            try {
                zone = zoneName.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                throw invalid(spec, "unknown time zone \"" + zoneName + "\"");
            }
            rest = rest.substring(space).trim();
        }
        if (rest.startsWith("@")) {
            return parseDescriptor(spec, zone, rest);
        }
        String[] parts = rest.split("\\s+");
        if (parts.length < 5 || parts.length > 6) {
            throw invalid(spec, "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading"
                    + " seconds field, found " + parts.length);
        }
        String[] six = parts.length == 6 ? parts : new String[] {"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
        FieldKind[] kinds = {SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK};
        Field[] fields = new Field[6];
        for (int i = 0; i < 6; i++) {
            fields[i] = parseField(spec, six[i], kinds[i]);
        }
        return new CronSchedule(spec, zone, null, fields);
    }

    private static CronSchedule parseDescriptor(String spec, ZoneId zone, String descriptor) {
        String fields = switch (descriptor.toLowerCase(Locale.ROOT)) {
            case "@yearly", "@annually" -> "0 0 0 1 1 *";
            case "@monthly" -> "0 0 0 1 * *";
            case "@weekly" -> "0 0 0 * * 0";
            case "@daily", "@midnight" -> "0 0 0 * * *";
            case "@hourly" -> "0 0 * * * *";
            default -> null;
        };
        if (fields != null) {
            String[] parts = fields.split(" ");
            FieldKind[] kinds = {SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK};
            Field[] parsed = new Field[6];
            for (int i = 0; i < 6; i++) {
                parsed[i] = parseField(spec, parts[i], kinds[i]);
            }
            return new CronSchedule(spec, zone, null, parsed);
        }
        if (descriptor.startsWith("@every")) {
            String durationText = descriptor.substring("@every".length()).trim();
            Duration d;
            try {
                d = GoDuration.parse(durationText);
            } catch (IllegalArgumentException e) {
                throw invalid(spec, "@every needs a Go duration such as 90s or 1h30m: " + e.getMessage());
            }
            // robfig rounds down to whole seconds and never fires more often than once a second
            Duration whole = Duration.ofSeconds(Math.max(1, d.getSeconds()));
            return new CronSchedule(spec, zone, whole, null);
        }
        throw invalid(spec, "unknown descriptor \"" + descriptor + "\" (known: @yearly @annually @monthly @weekly"
                + " @daily @midnight @hourly @every <duration>)");
    }

    private static Field parseField(String spec, String text, FieldKind kind) {
        long bits = 0;
        boolean star = false;
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw invalid(spec, kind.name + " field \"" + text + "\" has an empty list entry");
            }
            String[] rangeAndStep = part.split("/", -1);
            if (rangeAndStep.length > 2) {
                throw invalid(spec, kind.name + " field \"" + part + "\": more than one '/'");
            }
            String range = rangeAndStep[0];
            int start;
            int end;
            boolean partStar = false;
            boolean single = false;
            if (range.equals("*") || range.equals("?")) {
                start = kind.min;
                end = kind.max;
                partStar = true;
            } else {
                String[] lowHigh = range.split("-", -1);
                if (lowHigh.length > 2) {
                    throw invalid(spec, kind.name + " field \"" + part + "\": more than one '-'");
                }
                start = value(spec, lowHigh[0], kind, part);
                single = lowHigh.length == 1;
                end = single ? start : value(spec, lowHigh[1], kind, part);
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                step = number(spec, rangeAndStep[1], kind, part);
                if (single) {
                    end = kind.max; // "N/step" means "N-max/step"
                }
                if (step > 1) {
                    partStar = false;
                }
            }
            if (start < kind.min) {
                throw invalid(spec, kind.name + " field \"" + part + "\": " + start + " is below the minimum "
                        + kind.min);
            }
            if (end > kind.max) {
                throw invalid(spec, kind.name + " field \"" + part + "\": " + end + " is above the maximum "
                        + kind.max);
            }
            if (start > end) {
                throw invalid(spec, kind.name + " field \"" + part + "\": range start " + start
                        + " is after its end " + end);
            }
            if (step == 0) {
                throw invalid(spec, kind.name + " field \"" + part + "\": the step must be a positive number");
            }
            for (int v = start; v <= end; v += step) {
                bits |= 1L << v;
            }
            star |= partStar;
        }
        return new Field(bits, star);
    }

    private static int value(String spec, String text, FieldKind kind, String part) {
        Integer named = kind.names.get(text.toLowerCase(Locale.ROOT));
        return named != null ? named : number(spec, text, kind, part);
    }

    private static int number(String spec, String text, FieldKind kind, String part) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 9) {
            String expected = kind.names.isEmpty() ? "a number" : "a number or a name such as "
                    + (kind == MONTH ? "JAN" : "MON");
            throw invalid(spec, kind.name + " field \"" + part + "\": \"" + text + "\" is not " + expected);
        }
        return Integer.parseInt(text);
    }

    private static int firstWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("invalid cron spec \"" + spec + "\": " + why);
    }

    /** The spec as written. */
    public String spec() {
        return spec;
    }

    /** The zone fixed by a {@code CRON_TZ=}/{@code TZ=} prefix, if any. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** The interval of an {@code @every} schedule, if this is one. */
    public Optional<Duration> every() {
        return Optional.ofNullable(every);
    }

    /**
     * The first fire time strictly after {@code after} (at whole-second precision), in {@code after}'s zone; empty
     * when the schedule does not fire within {@link #SEARCH_YEARS} years (e.g. {@code 0 0 30 2 *}).
     */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        if (every != null) {
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every));
        }
        ZoneId evalZone = zone != null ? zone : after.getZone();
        ZoneRules rules = evalZone.getRules();
        Instant start = after.toInstant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime startLocal = LocalDateTime.ofInstant(start, evalZone);
        LocalDate startDate = startLocal.toLocalDate();
        LocalDate limit = startDate.plusYears(SEARCH_YEARS);
        // A wall-clock time on the day before can lie after `start` when a fall-back overlap crosses midnight.
        for (LocalDate date = startDate.minusDays(1); !date.isAfter(limit); ) {
            if (!months.has(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (dayMatches(date)) {
                boolean overlapDay = hasOverlap(rules, date);
                if (overlapDay || !date.isBefore(startDate)) {
                    int fromHour = !overlapDay && date.equals(startDate) ? startLocal.getHour() : 0;
                    Instant found = firstOnDay(date, fromHour, rules, start, overlapDay);
                    if (found != null) {
                        return Optional.of(found.atZone(after.getZone()));
                    }
                }
            }
            date = date.plusDays(1);
        }
        return Optional.empty();
    }

    /**
     * The earliest instant at or after {@code notBefore} whose wall-clock time on {@code date} matches. Without a
     * fall-back overlap on that day, wall-clock order is instant order, so the first hit is the answer; with one,
     * the whole day is scanned.
     */
    private Instant firstOnDay(LocalDate date, int fromHour, ZoneRules rules, Instant notBefore, boolean scanAll) {
        Instant best = null;
        for (int h = fromHour; h <= 23; h++) {
            if (!hours.has(h)) {
                continue;
            }
            for (int m = 0; m <= 59; m++) {
                if (!minutes.has(m)) {
                    continue;
                }
                for (int s = 0; s <= 59; s++) {
                    if (!seconds.has(s)) {
                        continue;
                    }
                    LocalDateTime wallClock = date.atTime(h, m, s);
                    // no valid offset: the time falls into a spring-forward gap and does not happen
                    for (ZoneOffset offset : rules.getValidOffsets(wallClock)) {
                        Instant candidate = wallClock.toInstant(offset);
                        if (!candidate.isBefore(notBefore) && (best == null || candidate.isBefore(best))) {
                            best = candidate;
                        }
                    }
                    if (best != null && !scanAll) {
                        return best;
                    }
                }
            }
        }
        return best;
    }

    private static boolean hasOverlap(ZoneRules rules, LocalDate date) {
        if (rules.isFixedOffset()) {
            return false;
        }
        Instant dayStartEarliest = date.atStartOfDay().toInstant(ZoneOffset.MAX);
        ZoneOffsetTransition t = rules.nextTransition(dayStartEarliest.minusSeconds(1));
        List<ZoneOffsetTransition> near = new ArrayList<>();
        while (t != null && !t.getInstant().isAfter(date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.MIN))) {
            near.add(t);
            t = rules.nextTransition(t.getInstant());
        }
        for (ZoneOffsetTransition transition : near) {
            if (transition.isOverlap()
                    && (transition.getDateTimeBefore().toLocalDate().equals(date)
                    || transition.getDateTimeAfter().toLocalDate().equals(date))) {
                return true;
            }
        }
        return false;
    }

    private boolean dayMatches(LocalDate date) {
        boolean domMatch = daysOfMonth.has(date.getDayOfMonth());
        boolean dowMatch = daysOfWeek.has(date.getDayOfWeek().getValue() % 7);
        if (daysOfMonth.star || daysOfWeek.star) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    /**
     * Whether the wall-clock time of {@code t} (in the schedule's zone, if it has one) is a fire time. Always false
     * for {@code @every} schedules, which have no wall-clock pattern.
     */
    public boolean matches(ZonedDateTime t) {
        if (every != null) {
            return false;
        }
        ZonedDateTime local = zone != null ? t.withZoneSameInstant(zone) : t;
        return t.getNano() == 0
                && months.has(local.getMonthValue())
                && dayMatches(local.toLocalDate())
                && hours.has(local.getHour())
                && minutes.has(local.getMinute())
                && seconds.has(local.getSecond());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && other.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return spec;
    }

    private record FieldKind(String name, int min, int max, Map<String, Integer> names) {
    }

    /** The allowed values as a bit set; {@code star} records robfig's "unrestricted" marker for dom/dow. */
    private record Field(long bits, boolean star) {
        boolean has(int value) {
            return (bits & (1L << value)) != 0;
        }
    }
}
