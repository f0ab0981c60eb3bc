package io.zreplcamel.config.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} syntax, used by zrepl for timeouts and retry intervals ({@code dial_timeout},
 * {@code handshake_timeout}, hook {@code timeout}, logging {@code retry_interval}): an optional sign, then one or
 * more decimal numbers (fractions allowed) each followed by a unit {@code ns us µs μs ms s m h}, e.g.
 * {@code 10s}, {@code 1m30s}, {@code 1.5h}, {@code 250ms}. A bare {@code 0} is allowed; {@code d}/{@code w} are not
 * Go units. The value must fit Go's int64 nanoseconds (about 292 years); fractional nanoseconds are truncated as Go
 * does.
 */
public final class GoDuration {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the value and what is wrong with it. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\": empty (expected e.g. 10s, 1m30s, 500ms)");
        }
        String s = text;
        boolean negative = false;
        char first = s.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text, "no number");
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean hasInteger = i > numberStart;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                hasFraction = i > fractionStart;
            }
            if (!hasInteger && !hasFraction) {
                throw invalid(text, "expected a number at position " + (numberStart + 1));
            }
            BigDecimal number = new BigDecimal(normaliseNumber(s.substring(numberStart, i)));
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            if (unitStart == i) {
                throw invalid(text, "missing unit after " + s.substring(numberStart, i)
                        + " (units: ns, us, ms, s, m, h)");
            }
            String unit = s.substring(unitStart, i);
            long unitNanos = unitNanos(unit);
            if (unitNanos < 0) {
                throw invalid(text, "unknown unit \"" + unit + "\" (units: ns, us, ms, s, m, h; d and w are not"
                        + " allowed here)");
            }
            totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
            if (totalNanos.toBigInteger().compareTo(MAX_NANOS) > 0) {
                throw invalid(text, "out of range (at most about 292 years)");
            }
        }
        long nanos = totalNanos.setScale(0, RoundingMode.DOWN).longValueExact();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** Like {@link #parse} but rejects negative values. */
    public static Duration parseZeroOrPositive(String text) {
        Duration d = parse(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration \"" + text + "\" must not be negative");
        }
        return d;
    }

    /** Like {@link #parse} but rejects zero and negative values. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration \"" + text + "\" must be positive");
        }
        return d;
    }

    /**
     * Formats like Go's {@code Duration.String()}: {@code 0s}, {@code 1h30m0s}, {@code 1.5s}, {@code 250ms},
     * {@code 3µs}. The result parses back to the same value.
     */
    public static String format(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration " + d + " does not fit Go's int64 nanoseconds");
        }
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        BigInteger u = BigInteger.valueOf(nanos).abs();
        StringBuilder out = new StringBuilder();
        BigInteger second = BigInteger.valueOf(1_000_000_000L);
        if (u.compareTo(second) < 0) {
            long v = u.longValue();
            if (v < 1_000L) {
                out.append(v).append("ns");
            } else if (v < 1_000_000L) {
                out.append(fraction(v, 3)).append("µs");
            } else {
                out.append(fraction(v, 6)).append("ms");
            }
        } else {
            BigInteger[] secondsAndNanos = u.divideAndRemainder(second);
            long seconds = secondsAndNanos[0].longValue();
            long subNanos = secondsAndNanos[1].longValue();
            String secondsText = (seconds % 60) + fractionDigits(subNanos, 9) + "s";
            long minutes = seconds / 60;
            if (minutes > 0) {
                long hours = minutes / 60;
                String minutesText = (minutes % 60) + "m";
                out.append(hours > 0 ? hours + "h" : "").append(minutesText);
            }
            out.append(secondsText);
        }
        return negative ? "-" + out : out.toString();
    }

    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        return (value / scale) + fractionDigits(value % scale, digits);
    }

    /** ".5", ".25" etc. for the remainder {@code rest} of {@code digits} decimal places; empty when zero. */
    private static String fractionDigits(long rest, int digits) {
        if (rest == 0) {
            return "";
        }
        String padded = String.format("%0" + digits + "d", rest);
        int end = padded.length();
        while (end > 0 && padded.charAt(end - 1) == '0') {
            end--;
        }
        return "." + padded.substring(0, end);
    }

    private static String normaliseNumber(String number) {
        if (number.startsWith(".")) {
            return "0" + number;
        }
        if (number.endsWith(".")) {
            return number.substring(0, number.length() - 1);
        }
        return number;
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us":
            case "\u00b5s": // micro sign
            case "\u03bcs": // Greek small letter mu
                return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: return -1;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": " + why);
    }
}
