package io.zreplcamel.config.values;

import io.zreplcamel.config.names.ZfsNames;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the timestamp part of a snapshot name is written: {@code snapshotting.timestamp_format} together with
 * {@code snapshotting.timestamp_location}. The name of a snapshot is {@code prefix + format(now)}.
 *
 * <table>
 *   <caption>keywords (case-insensitive)</caption>
 *   <tr><th>format</th><th>Go layout</th><th>location</th></tr>
 *   <tr><td>{@code dense} (default)</td><td>{@code 20060102_150405_000} ({@code _000} is literal)</td><td>UTC only</td></tr>
 *   <tr><td>{@code human}</td><td>{@code 2006-01-02_15:04:05}</td><td>UTC only</td></tr>
 *   <tr><td>{@code iso-8601}</td><td>{@code 2006-01-02T15:04:05.000Z0700}</td><td>any</td></tr>
 *   <tr><td>{@code unix-seconds}</td><td>decimal seconds since the epoch</td><td>UTC only</td></tr>
 *   <tr><td>anything else</td><td>itself, as a {@link GoTimeLayout}</td><td>any</td></tr>
 * </table>
 *
 * <p>"UTC only" means the location string is exactly {@code UTC} (or empty): zrepl compares Go's location
 * pointer with {@code time.UTC}, so {@code Etc/UTC} or a {@code Local} zone that happens to be UTC are refused
 * too ("format string requires UTC location"). Locations are {@code UTC}, {@code Local} (the system zone) or
 * tz database names.
 *
 * <p>{@code +} is not allowed in ZFS names, so a layout containing {@code +} is refused, and a {@code +} that
 * the zone prints (a positive offset such as {@code +0200}, or a numeric zone name such as {@code +04}) is
 * written as {@code _}. zrepl decides that replacement from the zone's offset at the moment of formatting
 * and replaces only the first {@code +}; where that leaves a {@code +} in the name zrepl panics (e.g. a layout
 * with {@code -07:00} in a zone whose offset is zero). Here every such {@code +} becomes {@code _}, which gives
 * the same names whenever zrepl does not panic.
 */
public final class TimestampFormat {

    public static final String DEFAULT_FORMAT = "dense";
    public static final String DEFAULT_LOCATION = "UTC";

    static final String DENSE_LAYOUT = "20060102_150405_000";
    static final String HUMAN_LAYOUT = "2006-01-02_15:04:05";
    static final String ISO_8601_LAYOUT = "2006-01-02T15:04:05.000Z0700";

    /** Which keyword the format string named. */
    public enum Kind { DENSE, HUMAN, ISO_8601, UNIX_SECONDS, CUSTOM }

    /** The two instants zrepl formats to check a prefix: in most zones they fall on different sides of DST. */
    public static final Instant SAMPLE_SUMMER = Instant.parse("2020-06-01T00:00:00Z");
    public static final Instant SAMPLE_WINTER = Instant.parse("2020-12-01T00:00:00Z");

    private final String formatString;
    private final String location;
    private final ZoneId zone;
    private final Kind kind;
    private final GoTimeLayout layout; // null for unix-seconds

    private TimestampFormat(String formatString, String location, ZoneId zone, Kind kind, GoTimeLayout layout) {
        this.formatString = formatString;
        this.location = location;
        this.zone = zone;
        this.kind = kind;
        this.layout = layout;
    }

    /** The default: {@code dense} in {@code UTC}. */
    public static TimestampFormat dense() {
        return parse(DEFAULT_FORMAT, DEFAULT_LOCATION);
    }

    /**
     * Builds the formatter for a {@code timestamp_format} and {@code timestamp_location}.
     *
     * @throws IllegalArgumentException e.g. {@code invalid format string "dense" or location "Europe/Berlin":
     *         format string requires UTC location}, or {@code load location from string "Mars/Base":
     *         unknown time zone Mars/Base}
     */
    public static TimestampFormat parse(String format, String location) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        ZoneId zone = loadLocation(location);
        boolean isGoUtc = location.isEmpty() || location.equals("UTC");
        Kind kind = switch (format.toLowerCase(Locale.ROOT)) {
            case "dense" -> Kind.DENSE;
            case "human" -> Kind.HUMAN;
            case "iso-8601" -> Kind.ISO_8601;
            case "unix-seconds" -> Kind.UNIX_SECONDS;
            default -> Kind.CUSTOM;
        };
        String problem = null;
        if ((kind == Kind.DENSE || kind == Kind.HUMAN || kind == Kind.UNIX_SECONDS) && !isGoUtc) {
            problem = "format string requires UTC location";
        }
        String layoutText = switch (kind) {
            case DENSE -> DENSE_LAYOUT;
            case HUMAN -> HUMAN_LAYOUT;
            case ISO_8601 -> ISO_8601_LAYOUT;
            case UNIX_SECONDS -> null;
            case CUSTOM -> format;
        };
        if (problem == null && layoutText != null && layoutText.contains("+")) {
            problem = "character '+' is not allowed in ZFS snapshot names and has special handling";
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid format string " + goQuote(format) + " or location "
                    + goQuote(location) + ": " + problem);
        }
        return new TimestampFormat(format, location, zone, kind,
                layoutText == null ? null : GoTimeLayout.compile(layoutText));
    }

    /** Go's {@code time.LoadLocation}: "" and "UTC" are UTC, "Local" is the system zone, else a tz name. */
    private static ZoneId loadLocation(String location) {
        if (location.isEmpty() || location.equals("UTC")) {
            return ZoneId.of("UTC");
        }
        if (location.equals("Local")) {
            return ZoneId.systemDefault();
        }
        // Only tz database names: the JVM would also take "+02:00" or "GMT+2", which Go does not.
        if (ZoneId.getAvailableZoneIds().contains(location)) {
            return ZoneId.of(location);
        }
        throw new IllegalArgumentException("load location from string " + goQuote(location)
                + ": unknown time zone " + location);
    }

    /** The timestamp for {@code instant}; for a snapshot name prepend the prefix. */
    public String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (kind == Kind.UNIX_SECONDS) {
            return Long.toString(instant.getEpochSecond());
        }
        String text = layout.format(instant, zone);
        // The layout has no '+' (checked in parse), so any '+' here was printed by a zone element.
        return text.replace('+', '_');
    }

    /**
     * Checks that {@code prefix + format(t)} is a valid snapshot name component for the two sample instants
     * zrepl uses (2020-06-01 and 2020-12-01, 00:00 UTC).
     *
     * @throws IllegalArgumentException {@code invalid snapshot name would result from `prefix+$timestamp`:
     *         must only contain letters, digits and any of "-_.: ": "zrepl/20200601_000000_000"}
     * @see ZfsNames#componentProblem
     */
    public void checkSnapshotNames(String prefix) {
        for (Instant sample : new Instant[] {SAMPLE_SUMMER, SAMPLE_WINTER}) {
            String name = prefix + format(sample);
            Optional<String> problem = ZfsNames.componentProblem(name);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("invalid snapshot name would result from `prefix+$timestamp`: "
                        + problem.get() + ": " + goQuote(name));
            }
        }
    }

    /** Go's {@code %q} for the strings we print (ASCII printable; quotes and backslashes escaped). */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The format string as configured (keyword or layout). */
    public String formatString() {
        return formatString;
    }

    /** The location string as configured. */
    public String location() {
        return location;
    }

    /** The zone timestamps are written in. */
    public ZoneId zone() {
        return zone;
    }

    public Kind kind() {
        return kind;
    }

    /** The Go layout used, or empty for {@code unix-seconds}. */
    public Optional<GoTimeLayout> layout() {
        return Optional.ofNullable(layout);
    }

    /** Whether the zone is fixed at UTC (names then do not depend on the daemon's zone settings). */
    public boolean isUtc() {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "timestamp_format " + goQuote(formatString) + " in " + goQuote(location);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampFormat other && formatString.equals(other.formatString)
                && location.equals(other.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatString, location);
    }
}
