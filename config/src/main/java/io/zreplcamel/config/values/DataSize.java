package io.zreplcamel.config.values;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data size as zrepl writes it in {@code bandwidth_limit}: a decimal number (may be fractional or negative)
 * followed by a unit. {@code b} means bits and {@code B} bytes; the prefixes {@code K M G T} are powers of 1000 and
 * {@code Ki Mi Gi Ti} powers of 1024; the unit {@code bit} takes an integer. Examples: {@code 12345 B},
 * {@code 23.5 MiB}, {@code 100 Mb}, {@code -1 B} (zrepl's "unlimited"). The value is kept in bits, as zrepl does.
 *
 * @param bits the size in bits (may be fractional or negative)
 */
public record DataSize(double bits) {

    private static final Pattern SYNTAX = Pattern.compile("^([-0-9.]*)\\s*(bit|(|K|Ki|M|Mi|G|Gi|T|Ti)([bB]))$");

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes * 8.0);
    }

    /** The size in bytes, fractional when {@link #bits()} is not a multiple of 8. */
    public double bytes() {
        return bits / 8;
    }

    /** Whole bytes, truncated toward zero (what zrepl's limiter uses: {@code int64(bits / 8)}). */
    public long wholeBytes() {
        return (long) (bits / 8);
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the value and the expected syntax. */
    public static DataSize parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("invalid data size: empty");
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw invalid(text, "expected a number and a unit such as 512 B, 10 KiB, 23.5 MiB, 100 Mb or 8 bit");
        }
        double number;
        try {
            number = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw invalid(text, "\"" + m.group(1) + "\" is not a number");
        }
        if (m.group(2).equals("bit")) {
            if (Math.rint(number) != number) {
                throw invalid(text, "unit bit needs an integer value");
            }
            return new DataSize(number);
        }
        double prefix = switch (m.group(3)) {
            case "" -> 1;
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "Ki" -> 1024.0;
            case "Mi" -> 1024.0 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            default -> throw new AssertionError(m.group(3));
        };
        double base = m.group(4).equals("B") ? 8 : 1;
        return new DataSize(number * prefix * base);
    }

    /** A canonical text that {@link #parse} reads back to the same value: whole bytes as {@code N B}, else bits. */
    public String format() {
        if (bits % 8 == 0 && Math.abs(bits) < 0x1p53) {
            return BigDecimal.valueOf((long) (bits / 8)).toPlainString() + " B";
        }
        return new BigDecimal(bits).stripTrailingZeros().toPlainString() + " b";
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid data size \"" + text + "\": " + why);
    }
}
