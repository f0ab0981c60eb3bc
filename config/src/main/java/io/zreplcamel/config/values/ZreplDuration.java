package io.zreplcamel.config.values;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * zrepl's own duration syntax, used by {@code snapshotting.interval}, the pull job's {@code interval} and the
 * lengths in a retention grid: an optionally signed integer followed by one of {@code s m h d w}
 * ({@code d} = 24h, {@code w} = 7d). A unitless value is accepted only for {@code 0}; compound values such as
 * {@code 1h30m} are not zrepl syntax and are rejected (zrepl's code, not its docs, is the reference here).
 */
public final class ZreplDuration {

    private static final Pattern SYNTAX = Pattern.compile("^\\s*([+-]?\\d+)\\s*(|s|m|h|d|w)\\s*$");

    private ZreplDuration() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message naming the bad value. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("duration must not be empty");
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": expected an integer followed by a unit s, m, h, d or w (e.g. 10m, 1h, 7d)");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": number out of range");
        }
        String unit = m.group(2);
        if (unit.isEmpty()) {
            if (amount != 0) {
                throw new IllegalArgumentException("invalid duration \"" + text
                        + "\": a unit (s, m, h, d, w) is required unless the value is 0");
            }
            return Duration.ZERO;
        }
        try {
            switch (unit) {
                case "s": return Duration.ofSeconds(amount);
                case "m": return Duration.ofMinutes(amount);
                case "h": return Duration.ofHours(amount);
                case "d": return Duration.ofDays(amount);
                case "w": return Duration.ofDays(Math.multiplyExact(amount, 7L));
                default: throw new AssertionError(unit);
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": out of range");
        }
    }

    /** Like {@link #parse} but rejects zero and negative durations. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration \"" + text.trim() + "\" must be positive");
        }
        return d;
    }

    /**
     * Formats {@code d} in zrepl's syntax with the largest unit that divides it exactly ({@code 2w}, {@code 36h},
     * {@code 90s}); {@code 0} for zero. Throws {@link IllegalArgumentException} for sub-second precision, which the
     * syntax cannot express.
     */
    public static String format(Duration d) {
        if (d.getNano() != 0) {
            throw new IllegalArgumentException("duration " + d + " has sub-second precision; zrepl durations are"
                    + " whole seconds");
        }
        long seconds = d.getSeconds();
        if (seconds == 0) {
            return "0";
        }
        long[] unitSeconds = {7L * 24 * 3600, 24 * 3600, 3600, 60, 1};
        String[] unitNames = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < unitSeconds.length; i++) {
            if (seconds % unitSeconds[i] == 0) {
                return (seconds / unitSeconds[i]) + unitNames[i];
            }
        }
        throw new AssertionError(seconds);
    }
}
