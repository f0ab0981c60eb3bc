package io.zreplcamel.config.values;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Go reference-time layout ({@code Mon Jan 2 15:04:05 MST 2006}), as used by zrepl's custom
 * {@code timestamp_format}, translated into a list of elements and formatted exactly as Go's
 * {@code time.Time.Format} does.
 *
 * <p>The layout is tokenised with Go's own left-to-right rules ({@code nextStdChunk}), including its quirks,
 * because users' existing snapshot names depend on them:
 * <ul>
 *   <li>a fractional second is only recognised when {@code .} or {@code ,} is followed by a run of
 *       {@code 0}s or {@code 9}s that is not followed by another digit; so in zrepl's {@code dense} layout
 *       {@code 20060102_150405_000} the {@code _000} is literal text, not milliseconds;</li>
 *   <li>{@code Jan}/{@code Mon} are not elements when a lower-case letter follows ({@code Monthly} is
 *       literal), while {@code January}/{@code Monday} are tried first;</li>
 *   <li>any lone {@code 1}, {@code 2}, {@code 3}, {@code 4}, {@code 5} is an element (month, day, 12-hour,
 *       minute, second): {@code v1} formats as {@code v} followed by the month number;</li>
 *   <li>{@code _2006} is a literal {@code _} followed by the year; {@code __2} is the space-padded day of
 *       year.</li>
 * </ul>
 *
 * <p>Zone abbreviations ({@code MST}) come from the system's tz database files, as Go reads them, so they
 * match Go's output ({@code CEST}, {@code +04}); when no such file exists the JVM's English short name is used,
 * or a numeric {@code +hhmm} like Go prints for zones without a name.
 */
public final class GoTimeLayout {

    /** The kinds of layout elements Go knows; names follow Go's {@code std*} constants. */
    public enum Kind {
        LITERAL,
        LONG_MONTH,          // January
        MONTH,               // Jan
        NUM_MONTH,           // 1
        ZERO_MONTH,          // 01
        LONG_WEEKDAY,        // Monday
        WEEKDAY,             // Mon
        DAY,                 // 2
        UNDER_DAY,           // _2
        ZERO_DAY,            // 02
        UNDER_YEAR_DAY,      // __2
        ZERO_YEAR_DAY,       // 002
        HOUR,                // 15
        HOUR12,              // 3
        ZERO_HOUR12,         // 03
        MINUTE,              // 4
        ZERO_MINUTE,         // 04
        SECOND,              // 5
        ZERO_SECOND,         // 05
        LONG_YEAR,           // 2006
        YEAR,                // 06
        PM,                  // PM
        PM_LOWER,            // pm
        ZONE_NAME,           // MST
        ISO8601_TZ,          // Z0700
        ISO8601_SECONDS_TZ,  // Z070000
        ISO8601_SHORT_TZ,    // Z07
        ISO8601_COLON_TZ,    // Z07:00
        ISO8601_COLON_SECONDS_TZ, // Z07:00:00
        NUM_TZ,              // -0700
        NUM_SECONDS_TZ,      // -070000
        NUM_SHORT_TZ,        // -07
        NUM_COLON_TZ,        // -07:00
        NUM_COLON_SECONDS_TZ, // -07:00:00
        FRACTION_ZEROS,      // .000 / ,000: fixed digits
        FRACTION_NINES;      // .999 / ,999: trailing zeros removed

        boolean isZone() {
            return compareTo(ZONE_NAME) >= 0 && compareTo(NUM_COLON_SECONDS_TZ) <= 0;
        }

        boolean isIsoZ() {
            return this == ISO8601_TZ || this == ISO8601_SECONDS_TZ || this == ISO8601_SHORT_TZ
                    || this == ISO8601_COLON_TZ || this == ISO8601_COLON_SECONDS_TZ;
        }
    }

    /**
     * One element: literal text, or a time field. For fractions, {@code digits} is the precision and
     * {@code text} the separator ({@code "."} or {@code ","}).
     */
    public record Element(Kind kind, String text, int digits) {
        public Element {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        static Element literal(String text) {
            return new Element(Kind.LITERAL, text, 0);
        }

        static Element of(Kind kind, String layoutText) {
            return new Element(kind, layoutText, 0);
        }
    }

    private static final String[] LONG_DAY_NAMES =
            {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] LONG_MONTH_NAMES = {"January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December"};

    private final String layout;
    private final List<Element> elements;

    private GoTimeLayout(String layout, List<Element> elements) {
        this.layout = layout;
        this.elements = List.copyOf(elements);
    }

    /** Tokenises {@code layout}; never fails (anything Go does not recognise is literal text, as in Go). */
    public static GoTimeLayout compile(String layout) {
        Objects.requireNonNull(layout, "layout");
        List<Element> out = new ArrayList<>();
        String rest = layout;
        while (!rest.isEmpty()) {
            Chunk chunk = nextChunk(rest);
            if (!chunk.prefix.isEmpty()) {
                appendLiteral(out, chunk.prefix);
            }
            if (chunk.element == null) {
                break;
            }
            out.add(chunk.element);
            rest = chunk.suffix;
        }
        return new GoTimeLayout(layout, out);
    }

    private static void appendLiteral(List<Element> out, String text) {
        if (!out.isEmpty() && out.get(out.size() - 1).kind() == Kind.LITERAL) {
            Element last = out.remove(out.size() - 1);
            out.add(Element.literal(last.text() + text));
        } else {
            out.add(Element.literal(text));
        }
    }

    private record Chunk(String prefix, Element element, String suffix) {
    }

    /** Go's {@code nextStdChunk}: the first element in {@code s}, the text before it and the text after it. */
    private static Chunk nextChunk(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'J':
                    if (s.startsWith("Jan", i)) {
                        if (s.startsWith("January", i)) {
                            return chunk(s, i, Kind.LONG_MONTH, 7);
                        }
                        if (!startsWithLowerCase(s, i + 3)) {
                            return chunk(s, i, Kind.MONTH, 3);
                        }
                    }
                    break;
                case 'M':
                    if (s.startsWith("Mon", i)) {
                        if (s.startsWith("Monday", i)) {
                            return chunk(s, i, Kind.LONG_WEEKDAY, 6);
                        }
                        if (!startsWithLowerCase(s, i + 3)) {
                            return chunk(s, i, Kind.WEEKDAY, 3);
                        }
                    }
                    if (s.startsWith("MST", i)) {
                        return chunk(s, i, Kind.ZONE_NAME, 3);
                    }
                    break;
                case '0':
                    if (i + 1 < n && s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '6') {
                        Kind[] zeroKinds = {Kind.ZERO_MONTH, Kind.ZERO_DAY, Kind.ZERO_HOUR12, Kind.ZERO_MINUTE,
                                Kind.ZERO_SECOND, Kind.YEAR};
                        return chunk(s, i, zeroKinds[s.charAt(i + 1) - '1'], 2);
                    }
                    if (s.startsWith("002", i)) {
                        return chunk(s, i, Kind.ZERO_YEAR_DAY, 3);
                    }
                    break;
                case '1':
                    if (i + 1 < n && s.charAt(i + 1) == '5') {
                        return chunk(s, i, Kind.HOUR, 2);
                    }
                    return chunk(s, i, Kind.NUM_MONTH, 1);
                case '2':
                    if (s.startsWith("2006", i)) {
                        return chunk(s, i, Kind.LONG_YEAR, 4);
                    }
                    return chunk(s, i, Kind.DAY, 1);
                case '_':
                    if (i + 1 < n && s.charAt(i + 1) == '2') {
                        if (s.startsWith("2006", i + 1)) {
                            // "_2006" is a literal '_' followed by the long year.
                            return chunk(s, i + 1, Kind.LONG_YEAR, 4);
                        }
                        return chunk(s, i, Kind.UNDER_DAY, 2);
                    }
                    if (s.startsWith("__2", i)) {
                        return chunk(s, i, Kind.UNDER_YEAR_DAY, 3);
                    }
                    break;
                case '3':
                    return chunk(s, i, Kind.HOUR12, 1);
                case '4':
                    return chunk(s, i, Kind.MINUTE, 1);
                case '5':
                    return chunk(s, i, Kind.SECOND, 1);
                case 'P':
                    if (i + 1 < n && s.charAt(i + 1) == 'M') {
                        return chunk(s, i, Kind.PM, 2);
                    }
                    break;
                case 'p':
                    if (i + 1 < n && s.charAt(i + 1) == 'm') {
                        return chunk(s, i, Kind.PM_LOWER, 2);
                    }
                    break;
                case '-':
                    if (s.startsWith("-070000", i)) {
                        return chunk(s, i, Kind.NUM_SECONDS_TZ, 7);
                    }
                    if (s.startsWith("-07:00:00", i)) {
                        return chunk(s, i, Kind.NUM_COLON_SECONDS_TZ, 9);
                    }
                    if (s.startsWith("-0700", i)) {
                        return chunk(s, i, Kind.NUM_TZ, 5);
                    }
                    if (s.startsWith("-07:00", i)) {
                        return chunk(s, i, Kind.NUM_COLON_TZ, 6);
                    }
                    if (s.startsWith("-07", i)) {
                        return chunk(s, i, Kind.NUM_SHORT_TZ, 3);
                    }
                    break;
                case 'Z':
                    if (s.startsWith("Z070000", i)) {
                        return chunk(s, i, Kind.ISO8601_SECONDS_TZ, 7);
                    }
                    if (s.startsWith("Z07:00:00", i)) {
                        return chunk(s, i, Kind.ISO8601_COLON_SECONDS_TZ, 9);
                    }
                    if (s.startsWith("Z0700", i)) {
                        return chunk(s, i, Kind.ISO8601_TZ, 5);
                    }
                    if (s.startsWith("Z07:00", i)) {
                        return chunk(s, i, Kind.ISO8601_COLON_TZ, 6);
                    }
                    if (s.startsWith("Z07", i)) {
                        return chunk(s, i, Kind.ISO8601_SHORT_TZ, 3);
                    }
                    break;
                case '.':
                case ',':
                    if (i + 1 < n && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '9')) {
                        char digit = s.charAt(i + 1);
                        int j = i + 1;
                        while (j < n && s.charAt(j) == digit) {
                            j++;
                        }
                        // Only a run of 0s or 9s that ends the number is a fraction ("05.000" yes, ".0001" no).
                        if (!(j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9')) {
                            Kind kind = digit == '9' ? Kind.FRACTION_NINES : Kind.FRACTION_ZEROS;
                            return new Chunk(s.substring(0, i),
                                    new Element(kind, String.valueOf(c), j - (i + 1)), s.substring(j));
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return new Chunk(s, null, "");
    }

    private static Chunk chunk(String s, int start, Kind kind, int length) {
        return new Chunk(s.substring(0, start), Element.of(kind, s.substring(start, start + length)),
                s.substring(start + length));
    }

    private static boolean startsWithLowerCase(String s, int index) {
        return index < s.length() && s.charAt(index) >= 'a' && s.charAt(index) <= 'z';
    }

    /** The layout as given. */
    public String layout() {
        return layout;
    }

    /** The elements, in order; adjacent literal text is merged into one element. */
    public List<Element> elements() {
        return elements;
    }

    /** Whether the layout prints anything about the zone (a name or an offset). */
    public boolean hasZoneElement() {
        return elements.stream().anyMatch(e -> e.kind().isZone());
    }

    /** Formats {@code instant} in {@code zone} as Go's {@code t.In(zone).Format(layout)} does. */
    public String format(Instant instant, ZoneId zone) {
        return format(instant.atZone(zone));
    }

    /** Formats {@code t} (its own zone and offset) as Go's {@code Format} does. */
    public String format(ZonedDateTime t) {
        StringBuilder b = new StringBuilder(layout.length() + 10);
        int offsetSeconds = t.getOffset().getTotalSeconds();
        for (Element e : elements) {
            switch (e.kind()) {
                case LITERAL -> b.append(e.text());
                case YEAR -> appendInt(b, Math.abs(t.getYear()) % 100, 2);
                case LONG_YEAR -> appendInt(b, t.getYear(), 4);
                case MONTH -> b.append(LONG_MONTH_NAMES[t.getMonthValue() - 1], 0, 3);
                case LONG_MONTH -> b.append(LONG_MONTH_NAMES[t.getMonthValue() - 1]);
                case NUM_MONTH -> appendInt(b, t.getMonthValue(), 0);
                case ZERO_MONTH -> appendInt(b, t.getMonthValue(), 2);
                case WEEKDAY -> b.append(LONG_DAY_NAMES[t.getDayOfWeek().getValue() % 7], 0, 3);
                case LONG_WEEKDAY -> b.append(LONG_DAY_NAMES[t.getDayOfWeek().getValue() % 7]);
                case DAY -> appendInt(b, t.getDayOfMonth(), 0);
                case UNDER_DAY -> {
                    if (t.getDayOfMonth() < 10) {
                        b.append(' ');
                    }
                    appendInt(b, t.getDayOfMonth(), 0);
                }
                case ZERO_DAY -> appendInt(b, t.getDayOfMonth(), 2);
                case UNDER_YEAR_DAY -> {
                    int yday = t.getDayOfYear();
                    if (yday < 100) {
                        b.append(' ');
                        if (yday < 10) {
                            b.append(' ');
                        }
                    }
                    appendInt(b, yday, 0);
                }
                case ZERO_YEAR_DAY -> appendInt(b, t.getDayOfYear(), 3);
                case HOUR -> appendInt(b, t.getHour(), 2);
                case HOUR12 -> appendInt(b, hour12(t.getHour()), 0);
                case ZERO_HOUR12 -> appendInt(b, hour12(t.getHour()), 2);
                case MINUTE -> appendInt(b, t.getMinute(), 0);
                case ZERO_MINUTE -> appendInt(b, t.getMinute(), 2);
                case SECOND -> appendInt(b, t.getSecond(), 0);
                case ZERO_SECOND -> appendInt(b, t.getSecond(), 2);
                case PM -> b.append(t.getHour() >= 12 ? "PM" : "AM");
                case PM_LOWER -> b.append(t.getHour() >= 12 ? "pm" : "am");
                case ZONE_NAME -> {
                    String name = ZoneAbbreviations.abbreviation(t.getZone(), t.toInstant(), t.getOffset());
                    if (!name.isEmpty()) {
                        b.append(name);
                    } else {
                        appendNumericZone(b, Kind.NUM_TZ, offsetSeconds);
                    }
                }
                case FRACTION_ZEROS, FRACTION_NINES -> appendFraction(b, t.getNano(), e);
                default -> {
                    if (offsetSeconds == 0 && e.kind().isIsoZ()) {
                        b.append('Z');
                    } else {
                        appendNumericZone(b, e.kind(), offsetSeconds);
                    }
                }
            }
        }
        return b.toString();
    }

    private static int hour12(int hour) {
        int hr = hour % 12;
        return hr == 0 ? 12 : hr;
    }

    private static void appendNumericZone(StringBuilder b, Kind kind, int offsetSeconds) {
        int zoneMinutes = offsetSeconds / 60;
        int absOffset = offsetSeconds;
        if (zoneMinutes < 0) {
            b.append('-');
            zoneMinutes = -zoneMinutes;
            absOffset = -absOffset;
        } else {
            b.append('+');
        }
        appendInt(b, zoneMinutes / 60, 2);
        boolean colon = kind == Kind.ISO8601_COLON_TZ || kind == Kind.NUM_COLON_TZ
                || kind == Kind.ISO8601_COLON_SECONDS_TZ || kind == Kind.NUM_COLON_SECONDS_TZ;
        if (colon) {
            b.append(':');
        }
        if (kind != Kind.NUM_SHORT_TZ && kind != Kind.ISO8601_SHORT_TZ) {
            appendInt(b, zoneMinutes % 60, 2);
        }
        boolean seconds = kind == Kind.ISO8601_SECONDS_TZ || kind == Kind.NUM_SECONDS_TZ
                || kind == Kind.NUM_COLON_SECONDS_TZ || kind == Kind.ISO8601_COLON_SECONDS_TZ;
        if (seconds) {
            if (kind == Kind.NUM_COLON_SECONDS_TZ || kind == Kind.ISO8601_COLON_SECONDS_TZ) {
                b.append(':');
            }
            appendInt(b, absOffset % 60, 2);
        }
    }

    private static void appendFraction(StringBuilder b, int nanos, Element e) {
        boolean trim = e.kind() == Kind.FRACTION_NINES;
        int digits = e.digits();
        if (trim && (digits == 0 || nanos == 0)) {
            return;
        }
        int start = b.length();
        b.append(e.text());
        StringBuilder nine = new StringBuilder(9);
        appendInt(nine, nanos, 9);
        // Go allows more than 9 digits in the layout but prints at most the 9 it has.
        b.append(nine, 0, Math.min(digits, 9));
        if (trim) {
            int end = b.length();
            while (end > start + 1 && b.charAt(end - 1) == '0') {
                end--;
            }
            if (end == start + 1) {
                end = start;
            }
            b.setLength(end);
        }
    }

    /** Go's {@code appendInt}: decimal, left-padded with zeros to {@code width} digits (sign not counted). */
    private static void appendInt(StringBuilder b, long x, int width) {
        long u = x;
        if (x < 0) {
            b.append('-');
            u = -x;
        }
        String digits = Long.toString(u);
        for (int pad = width - digits.length(); pad > 0; pad--) {
            b.append('0');
        }
        b.append(digits);
    }

    @Override
    public String toString() {
        return layout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoTimeLayout other && layout.equals(other.layout);
    }

    @Override
    public int hashCode() {
        return layout.hashCode();
    }

    /**
     * Zone abbreviations as Go prints them for {@code MST}: read from the same tz database files Go's
     * {@code time.LoadLocation} reads (TZif), because the JVM's names differ (e.g. the JVM says
     * {@code GST} where the tz database and Go say {@code +04}).
     */
    static final class ZoneAbbreviations {
        private static final List<Path> ZONEINFO_DIRS = zoneinfoDirs();
        private static final Map<String, Optional<TzFile>> CACHE = new ConcurrentHashMap<>();

        private ZoneAbbreviations() {
        }

        private static List<Path> zoneinfoDirs() {
            List<Path> dirs = new ArrayList<>();
            String env = System.getenv("ZONEINFO");
            if (env != null && !env.isEmpty()) {
                dirs.add(Path.of(env));
            }
            for (String d : new String[] {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
                    "/usr/lib/locale/TZ/", "/etc/zoneinfo/"}) {
                dirs.add(Path.of(d));
            }
            return dirs;
        }

        static String abbreviation(ZoneId zone, Instant instant, ZoneOffset offset) {
            if (zone instanceof ZoneOffset fixed) {
                // Only reachable for fixed-offset zones; Go names its UTC location "UTC".
                return fixed.getTotalSeconds() == 0 ? "UTC" : "";
            }
            String id = zone.getId();
            if (id.equals("UTC")) {
                return "UTC";
            }
            Optional<TzFile> file = CACHE.computeIfAbsent(id, ZoneAbbreviations::load);
            if (file.isPresent()) {
                String name = file.get().abbreviationAt(instant.getEpochSecond(),
                        zone.getRules().isDaylightSavings(instant));
                if (name != null) {
                    return name;
                }
            }
            return jvmAbbreviation(zone, instant, offset);
        }

        private static String jvmAbbreviation(ZoneId zone, Instant instant, ZoneOffset offset) {
            boolean dst = zone.getRules().isDaylightSavings(instant);
            String name = java.util.TimeZone.getTimeZone(zone)
                    .getDisplayName(dst, java.util.TimeZone.SHORT, Locale.US);
            if (name != null && name.matches("[A-Za-z]{3,6}") && !name.startsWith("GMT")) {
                return name;
            }
            // tz database convention for zones without a name: "+04", "+0530", "-03".
            int total = offset.getTotalSeconds();
            int minutes = Math.abs(total) / 60;
            StringBuilder sb = new StringBuilder(total < 0 ? "-" : "+");
            appendInt(sb, minutes / 60, 2);
            if (minutes % 60 != 0) {
                appendInt(sb, minutes % 60, 2);
            }
            return sb.toString();
        }

        private static Optional<TzFile> load(String id) {
            if (id.contains("..") || id.startsWith("/")) {
                return Optional.empty();
            }
            for (Path dir : ZONEINFO_DIRS) {
                Path p = dir.resolve(id);
                try {
                    if (Files.isRegularFile(p)) {
                        return Optional.ofNullable(TzFile.parse(Files.readAllBytes(p)));
                    }
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    /** The parts of a TZif file needed for abbreviations: transitions, their types, and the footer's names. */
    static final class TzFile {
        private final long[] transitions;
        private final int[] transitionTypes;
        private final String[] typeNames;
        private final boolean[] typeIsDst;
        private final String footerStdName;
        private final String footerDstName;

        private TzFile(long[] transitions, int[] transitionTypes, String[] typeNames, boolean[] typeIsDst,
                       String footerStdName, String footerDstName) {
            this.transitions = transitions;
            this.transitionTypes = transitionTypes;
            this.typeNames = typeNames;
            this.typeIsDst = typeIsDst;
            this.footerStdName = footerStdName;
            this.footerDstName = footerDstName;
        }

        /** The abbreviation in effect at {@code epochSecond}, or null when the file cannot tell. */
        String abbreviationAt(long epochSecond, boolean dstByJvmRules) {
            if (transitions.length > 0 && epochSecond >= transitions[transitions.length - 1]
                    && footerStdName != null) {
                // Past the last transition the footer's POSIX TZ rule applies; the JVM's rules (built from
                // the same tz database) tell whether that rule is in daylight saving time at this instant.
                return dstByJvmRules && footerDstName != null ? footerDstName : footerStdName;
            }
            if (transitions.length == 0) {
                if (footerStdName != null) {
                    return dstByJvmRules && footerDstName != null ? footerDstName : footerStdName;
                }
                return typeNames.length > 0 ? typeNames[0] : null;
            }
            if (epochSecond < transitions[0]) {
                // Go's lookupFirstZone: the first non-DST type, in practice type 0.
                for (int i = 0; i < typeNames.length; i++) {
                    if (!typeIsDst[i]) {
                        return typeNames[i];
                    }
                }
                return typeNames[0];
            }
            int idx = Arrays.binarySearch(transitions, epochSecond);
            if (idx < 0) {
                idx = -idx - 2;
            }
            return typeNames[transitionTypes[idx]];
        }

        static TzFile parse(byte[] data) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            Header v1 = Header.read(buf);
            if (v1 == null) {
                return null;
            }
            if (v1.version >= '2') {
                // Skip the 32-bit body; the 64-bit body and the footer follow.
                buf.position(buf.position() + v1.bodyLength(4));
                Header v2 = Header.read(buf);
                if (v2 == null) {
                    return null;
                }
                TzFile body = readBody(buf, v2, 8);
                String footer = readFooter(buf);
                return body.withFooter(footer);
            }
            return readBody(buf, v1, 4);
        }

        private TzFile withFooter(String footer) {
            if (footer == null || footer.isEmpty()) {
                return this;
            }
            String[] names = posixTzNames(footer);
            return new TzFile(transitions, transitionTypes, typeNames, typeIsDst, names[0], names[1]);
        }

        private static TzFile readBody(ByteBuffer buf, Header h, int timeSize) {
            long[] transitions = new long[h.timecnt];
            for (int i = 0; i < h.timecnt; i++) {
                transitions[i] = timeSize == 8 ? buf.getLong() : buf.getInt();
            }
            int[] types = new int[h.timecnt];
            for (int i = 0; i < h.timecnt; i++) {
                types[i] = buf.get() & 0xff;
            }
            int[] abbrIndex = new int[h.typecnt];
            boolean[] isDst = new boolean[h.typecnt];
            for (int i = 0; i < h.typecnt; i++) {
                buf.getInt(); // utoff: the JVM's rules are used for offsets
                isDst[i] = buf.get() != 0;
                abbrIndex[i] = buf.get() & 0xff;
            }
            byte[] chars = new byte[h.charcnt];
            buf.get(chars);
            buf.position(buf.position() + h.leapcnt * (timeSize + 4) + h.isstdcnt + h.isutcnt);
            String[] names = new String[h.typecnt];
            for (int i = 0; i < h.typecnt; i++) {
                int start = abbrIndex[i];
                int end = start;
                while (end < chars.length && chars[end] != 0) {
                    end++;
                }
                names[i] = new String(chars, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
            }
            for (int t : types) {
                if (t >= h.typecnt) {
                    throw new IllegalArgumentException("bad TZif transition type");
                }
            }
            return new TzFile(transitions, types, names, isDst, null, null);
        }

        private static String readFooter(ByteBuffer buf) {
            if (!buf.hasRemaining() || buf.get() != '\n') {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            while (buf.hasRemaining()) {
                char ch = (char) (buf.get() & 0xff);
                if (ch == '\n') {
                    return sb.toString();
                }
                sb.append(ch);
            }
            return null;
        }

        /** Standard and daylight names of a POSIX TZ string: {@code CET-1CEST,M3.5.0,...}, {@code <+04>-4}. */
        static String[] posixTzNames(String tz) {
            int[] pos = {0};
            String std = posixName(tz, pos);
            if (std == null) {
                return new String[] {null, null};
            }
            while (pos[0] < tz.length() && "+-0123456789:".indexOf(tz.charAt(pos[0])) >= 0) {
                pos[0]++;
            }
            String dst = pos[0] < tz.length() ? posixName(tz, pos) : null;
            return new String[] {std, dst};
        }

        private static String posixName(String tz, int[] pos) {
            int i = pos[0];
            if (i >= tz.length()) {
                return null;
            }
            if (tz.charAt(i) == '<') {
                int close = tz.indexOf('>', i);
                if (close < 0) {
                    return null;
                }
                pos[0] = close + 1;
                return tz.substring(i + 1, close);
            }
            int j = i;
            while (j < tz.length() && Character.isLetter(tz.charAt(j))) {
                j++;
            }
            if (j == i) {
                return null;
            }
            pos[0] = j;
            return tz.substring(i, j);
        }

        private record Header(char version, int isutcnt, int isstdcnt, int leapcnt, int timecnt, int typecnt,
                              int charcnt) {
            static Header read(ByteBuffer buf) {
                if (buf.remaining() < 44 || buf.get() != 'T' || buf.get() != 'Z' || buf.get() != 'i'
                        || buf.get() != 'f') {
                    return null;
                }
                char version = (char) buf.get();
                buf.position(buf.position() + 15);
                return new Header(version == 0 ? '1' : version, buf.getInt(), buf.getInt(), buf.getInt(),
                        buf.getInt(), buf.getInt(), buf.getInt());
            }

            int bodyLength(int timeSize) {
                return timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4)
                        + isstdcnt + isutcnt;
            }
        }
    }

}
