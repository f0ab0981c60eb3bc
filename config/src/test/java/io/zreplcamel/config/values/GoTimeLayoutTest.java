package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected strings are what Go's {@code time.Time.Format} prints, worked out from Go's formatter
 * ({@code nextStdChunk}/{@code appendFormat}) element by element.
 */
class GoTimeLayoutTest {

    /** Tuesday, day 135 of the leap year 2024. */
    static final Instant T = Instant.parse("2024-05-14T21:16:23.123456789Z");
    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    static Stream<Arguments> goOutputs() {
        return Stream.of(
                // zrepl's keyword layouts
                Arguments.of("20060102_150405_000", T, UTC, "20240514_211623_000"),
                Arguments.of("2006-01-02_15:04:05", T, UTC, "2024-05-14_21:16:23"),
                Arguments.of("2006-01-02T15:04:05.000Z0700", T, UTC, "2024-05-14T21:16:23.123Z"),
                Arguments.of("2006-01-02T15:04:05.000Z0700", Instant.parse("2024-05-14T21:16:23Z"), BERLIN,
                        "2024-05-14T23:16:23.000+0200"),
                // Go's predefined layouts
                Arguments.of("2006-01-02 15:04:05", T, UTC, "2024-05-14 21:16:23"),
                Arguments.of("Mon Jan _2 15:04:05 MST 2006", T, UTC, "Tue May 14 21:16:23 UTC 2024"),
                Arguments.of("Jan _2 15:04:05.000 MST", Instant.parse("2024-05-04T07:08:09.5Z"), UTC,
                        "May  4 07:08:09.500 UTC"),
                Arguments.of("Monday, 02-Jan-06 15:04:05 MST", T, BERLIN, "Tuesday, 14-May-24 23:16:23 CEST"),
                Arguments.of("02 Jan 06 15:04 MST", Instant.parse("2024-01-05T10:00:00Z"), BERLIN,
                        "05 Jan 24 11:00 CET"),
                Arguments.of("Mon, 02 Jan 2006 15:04:05 -0700", T, NEW_YORK, "Tue, 14 May 2024 17:16:23 -0400"),
                Arguments.of("2006-01-02T15:04:05Z07:00", T, UTC, "2024-05-14T21:16:23Z"),
                Arguments.of("2006-01-02T15:04:05Z07:00", T, KOLKATA, "2024-05-15T02:46:23+05:30"),
                Arguments.of("2006-01-02T15:04:05.999999999Z07:00", T, UTC, "2024-05-14T21:16:23.123456789Z"),
                Arguments.of("3:04PM", T, UTC, "9:16PM"),
                Arguments.of("January 2, 2006", T, UTC, "May 14, 2024"),
                // 12-hour clock edges
                Arguments.of("03:04 PM pm", Instant.parse("2024-05-14T00:05:00Z"), UTC, "12:05 AM am"),
                Arguments.of("3 PM", Instant.parse("2024-05-14T12:00:00Z"), UTC, "12 PM"),
                // unpadded and padded fields
                Arguments.of("1/2 3:4:5 06", Instant.parse("2009-03-04T05:06:07Z"), UTC, "3/4 5:6:7 09"),
                Arguments.of("01/02 03:04:05 2006", Instant.parse("2009-03-04T05:06:07Z"), UTC,
                        "03/04 05:06:07 2009"),
                Arguments.of("_2|__2|002", Instant.parse("2024-01-05T00:00:00Z"), UTC, " 5|  5|005"),
                Arguments.of("_2|__2|002", T, UTC, "14|135|135"),
                Arguments.of("__2", Instant.parse("2023-04-10T00:00:00Z"), UTC, "100"),
                Arguments.of("__2", Instant.parse("2023-04-09T00:00:00Z"), UTC, " 99"),
                // fractions: only a run of 0s or 9s ending the number counts, after '.' or ','
                Arguments.of("05.000", T, UTC, "23.123"),
                Arguments.of("05,000", T, UTC, "23,123"),
                Arguments.of("05.999", Instant.parse("2024-05-14T21:16:23.120Z"), UTC, "23.12"),
                Arguments.of("05.999", Instant.parse("2024-05-14T21:16:23Z"), UTC, "23"),
                Arguments.of("05.9", Instant.parse("2024-05-14T21:16:23.05Z"), UTC, "23"),
                Arguments.of("05.000000000000", T, UTC, "23.123456789"),
                Arguments.of("05.0001", T, UTC, "23.0005"),
                Arguments.of("15_000", T, UTC, "21_000"),
                // zones
                Arguments.of("Z07|Z0700|Z07:00|Z070000|Z07:00:00", T, UTC, "Z|Z|Z|Z|Z"),
                Arguments.of("-07|-0700|-07:00|-070000|-07:00:00", T, UTC, "+00|+0000|+00:00|+000000|+00:00:00"),
                Arguments.of("-07|-0700|-07:00|-070000|-07:00:00", T, NEW_YORK, "-04|-0400|-04:00|-040000|-04:00:00"),
                Arguments.of("Z07|Z0700|Z07:00:00", T, KOLKATA, "+05|+0530|+05:30:00"),
                Arguments.of("MST", T, NEW_YORK, "EDT"),
                Arguments.of("MST", Instant.parse("2024-01-14T00:00:00Z"), NEW_YORK, "EST"),
                Arguments.of("MST", T, KOLKATA, "IST"),
                Arguments.of("MST", T, ZoneOffset.ofHours(3), "+0300"),
                // literal text and Go's tokenising quirks
                Arguments.of("Monthly Janx", T, UTC, "Monthly Janx"),
                Arguments.of("MonJan", T, UTC, "TueMay"),
                Arguments.of("v1.2", T, UTC, "v5.14"),
                Arguments.of("10", T, UTC, "50"),
                Arguments.of("_2006", T, UTC, "_2024"),
                Arguments.of("15h04m", T, UTC, "21h16m"),
                Arguments.of("snap", T, UTC, "snap"),
                Arguments.of("", T, UTC, ""));
    }

    @ParameterizedTest(name = "{0} in {2} -> \"{3}\"")
    @MethodSource("goOutputs")
    void formatsLikeGo(String layout, Instant instant, ZoneId zone, String expected) {
        assertThat(GoTimeLayout.compile(layout).format(instant, zone)).isEqualTo(expected);
    }

    @Test
    void denseTrailingZerosAreLiteralText() {
        List<GoTimeLayout.Element> elements = GoTimeLayout.compile("20060102_150405_000").elements();
        assertThat(elements).extracting(GoTimeLayout.Element::kind).containsExactly(
                GoTimeLayout.Kind.LONG_YEAR, GoTimeLayout.Kind.ZERO_MONTH, GoTimeLayout.Kind.ZERO_DAY,
                GoTimeLayout.Kind.LITERAL, GoTimeLayout.Kind.HOUR, GoTimeLayout.Kind.ZERO_MINUTE,
                GoTimeLayout.Kind.ZERO_SECOND, GoTimeLayout.Kind.LITERAL);
        assertThat(elements.get(7).text()).isEqualTo("_000");
    }

    @Test
    void fractionElementRecordsSeparatorAndDigits() {
        GoTimeLayout.Element fraction = GoTimeLayout.compile("05,999999").elements().get(1);
        assertThat(fraction).isEqualTo(new GoTimeLayout.Element(GoTimeLayout.Kind.FRACTION_NINES, ",", 6));
    }

    @Test
    void zoneElementIsDetected() {
        assertThat(GoTimeLayout.compile("2006-01-02").hasZoneElement()).isFalse();
        assertThat(GoTimeLayout.compile("2006 MST").hasZoneElement()).isTrue();
        assertThat(GoTimeLayout.compile("Z07:00").hasZoneElement()).isTrue();
    }

    @Test
    void posixFooterNames() {
        assertThat(GoTimeLayout.TzFile.posixTzNames("CET-1CEST,M3.5.0,M10.5.0/3")).containsExactly("CET", "CEST");
        assertThat(GoTimeLayout.TzFile.posixTzNames("<+04>-4")).containsExactly("+04", null);
        assertThat(GoTimeLayout.TzFile.posixTzNames("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1"))
                .containsExactly("-03", "-02");
        assertThat(GoTimeLayout.TzFile.posixTzNames("UTC0")).containsExactly("UTC", null);
    }

    /** Go's numeric layout agrees with java.time's formatter of the same shape for any instant and zone. */
    @Property(tries = 10_000)
    void numericLayoutAgreesWithJavaTime(@ForAll("instants") Instant instant, @ForAll("zones") ZoneId zone) {
        String go = GoTimeLayout.compile("2006-01-02 15:04:05.000000000 -07:00 002 Jan Monday 03PM")
                .format(instant, zone);
        String javaTime = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS xxx DDD MMM EEEE hha",
                java.util.Locale.US).format(instant.atZone(zone));
        assertThat(go).isEqualTo(javaTime);
    }

    /** Any string is a layout (unknown text is literal): formatting never fails, and plain text survives. */
    @Property(tries = 10_000)
    void anyLayoutFormats(@ForAll("layouts") String layout, @ForAll("instants") Instant instant) {
        String out = GoTimeLayout.compile(layout).format(instant, BERLIN);
        assertThat(out).isNotNull();
        String plain = layout.replaceAll("[^anuryoxz:/ ]", "");
        assertThat(GoTimeLayout.compile(plain).format(instant, BERLIN)).isEqualTo(plain);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(
                        LocalDateTime.of(1970, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                        LocalDateTime.of(2200, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC))
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "Etc/GMT+12", "Pacific/Kiritimati")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<String> layouts() {
        return Arbitraries.strings().withChars("0123456789_.,:-ZJanuaryMonMSTPMpm /xyz").ofMaxLength(30);
    }
}
