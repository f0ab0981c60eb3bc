package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimestampFormatTest {

    static final Instant T = Instant.parse("2024-05-14T21:16:23.123456789Z");
    static final Instant T_WHOLE = Instant.parse("2024-05-14T21:16:23Z");

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("dense", "UTC", T, "20240514_211623_000"),
                Arguments.of("DENSE", "UTC", T, "20240514_211623_000"),
                Arguments.of("dense", "", T, "20240514_211623_000"),
                Arguments.of("human", "UTC", T, "2024-05-14_21:16:23"),
                Arguments.of("Human", "UTC", T, "2024-05-14_21:16:23"),
                Arguments.of("iso-8601", "UTC", T, "2024-05-14T21:16:23.123Z"),
                Arguments.of("ISO-8601", "UTC", T_WHOLE, "2024-05-14T21:16:23.000Z"),
                // zrepl's own test vector: the positive offset's '+' becomes '_'
                Arguments.of("iso-8601", "Europe/Berlin", T_WHOLE, "2024-05-14T23:16:23.000_0200"),
                Arguments.of("iso-8601", "America/New_York", T_WHOLE, "2024-05-14T17:16:23.000-0400"),
                Arguments.of("iso-8601", "Etc/UTC", T_WHOLE, "2024-05-14T21:16:23.000Z"),
                Arguments.of("unix-seconds", "UTC", T, "1715721383"),
                Arguments.of("Unix-Seconds", "UTC", Instant.parse("2020-06-01T00:00:00Z"), "1590969600"),
                // zrepl's own test vector for custom layouts
                Arguments.of("2006-01-02_15:04:05-07:00:00", "Europe/Berlin", T_WHOLE, "2024-05-14_23:16:23_02:00:00"),
                Arguments.of("2006-01-02_15:04:05-07:00", "UTC", T_WHOLE, "2024-05-14_21:16:23_00:00"),
                Arguments.of("2006-01-02_15:04:05-07:00", "Asia/Kathmandu", T_WHOLE, "2024-05-15_03:01:23_05:45"),
                Arguments.of("2006-01-02 15:04 MST", "Europe/Berlin", T_WHOLE, "2024-05-14 23:16 CEST"),
                // "_2" is the space-padded day: no underscore survives for two-digit days
                Arguments.of("Mon_Jan_2", "UTC", T, "Tue_May14"),
                Arguments.of("20060102_150405.000", "UTC", T, "20240514_211623.123"));
    }

    @ParameterizedTest(name = "{0} / {1} -> {3}")
    @MethodSource("formats")
    void formatsLikeZrepl(String format, String location, Instant instant, String expected) {
        assertThat(TimestampFormat.parse(format, location).format(instant)).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("dense", "Europe/Berlin",
                        "invalid format string \"dense\" or location \"Europe/Berlin\": format string requires UTC location"),
                Arguments.of("human", "Etc/UTC", "format string requires UTC location"),
                Arguments.of("unix-seconds", "Local", "format string requires UTC location"),
                Arguments.of("2006+01", "UTC",
                        "invalid format string \"2006+01\" or location \"UTC\": character '+' is not allowed in ZFS "
                                + "snapshot names and has special handling"),
                Arguments.of("dense", "Mars/Olympus_Mons",
                        "load location from string \"Mars/Olympus_Mons\": unknown time zone Mars/Olympus_Mons"),
                Arguments.of("iso-8601", "+02:00", "unknown time zone +02:00"),
                Arguments.of("iso-8601", "utc", "unknown time zone utc"));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("rejected")
    void rejectsLikeZrepl(String format, String location, String message) {
        assertThatThrownBy(() -> TimestampFormat.parse(format, location))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void localLocationIsAcceptedForZoneAwareFormats() {
        assertThat(TimestampFormat.parse("iso-8601", "Local").format(T)).startsWith("2024-05-1");
    }

    static Stream<Arguments> prefixChecks() {
        return Stream.of(
                Arguments.of("zrepl_", "dense", "UTC", null),
                Arguments.of("zrepl_", "human", "UTC", null),
                Arguments.of("auto-", "iso-8601", "Asia/Kolkata", null),
                Arguments.of("zrepl/", "dense", "UTC",
                        "invalid snapshot name would result from `prefix+$timestamp`: must only contain letters, "
                                + "digits and any of \"-_.: \": \"zrepl/20200601_000000_000\""),
                Arguments.of("zrepl@", "dense", "UTC", "must only contain letters, digits"),
                Arguments.of("", "", "UTC", "invalid snapshot name would result from `prefix+$timestamp`: must not be empty: \"\""),
                Arguments.of(".", "", "UTC", "must not be \".\""),
                Arguments.of("..", "", "UTC", "must not be \"..\""),
                Arguments.of("zrepl_", "2006 Jan ✓", "UTC", "must be ASCII"),
                Arguments.of("x".repeat(250), "dense", "UTC", "must not be longer than 255"),
                Arguments.of("snap_", "2006/01/02", "UTC", "\"snap_2020/06/01\""));
    }

    @ParameterizedTest(name = "[{index}] {0}{1}")
    @MethodSource("prefixChecks")
    void checksSampleSnapshotNames(String prefix, String format, String location, String error) {
        TimestampFormat f = TimestampFormat.parse(format, location);
        if (error == null) {
            f.checkSnapshotNames(prefix);
        } else {
            assertThatThrownBy(() -> f.checkSnapshotNames(prefix))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(error);
        }
    }

    @Test
    void exposesWhatItParsed() {
        TimestampFormat f = TimestampFormat.parse("Dense", "UTC");
        assertThat(f.kind()).isEqualTo(TimestampFormat.Kind.DENSE);
        assertThat(f.layout()).map(GoTimeLayout::layout).contains("20060102_150405_000");
        assertThat(f.isUtc()).isTrue();
        assertThat(TimestampFormat.parse("unix-seconds", "UTC").layout()).isEmpty();
        assertThat(TimestampFormat.dense()).isEqualTo(TimestampFormat.parse("dense", "UTC"));
    }

    /** Dense names sort as their instants do (whole seconds), which is what people rely on in `zfs list`. */
    @Property(tries = 10_000)
    void denseNamesSortLikeTime(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long a,
                                @ForAll @LongRange(min = 0, max = 253_402_300_799L) long b) {
        TimestampFormat dense = TimestampFormat.dense();
        String na = dense.format(Instant.ofEpochSecond(a));
        String nb = dense.format(Instant.ofEpochSecond(b));
        assertThat(na).matches("\\d{8}_\\d{6}_000");
        assertThat(Integer.signum(na.compareTo(nb))).isEqualTo(Long.signum(Long.compare(a, b)));
    }

    /** Whatever zone and zone element, a name never contains '+', and a valid prefix stays valid. */
    @Property(tries = 10_000)
    void namesNeverContainPlus(@ForAll("zoneLayouts") String layout, @ForAll("zoneIds") String zone,
                               @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond) {
        TimestampFormat f = TimestampFormat.parse(layout, zone);
        String name = "zrepl_" + f.format(Instant.ofEpochSecond(epochSecond));
        assertThat(name).doesNotContain("+");
        assertThat(io.zreplcamel.config.names.ZfsNames.componentProblem(name)).isEmpty();
    }

    @Provide
    Arbitrary<String> zoneLayouts() {
        return Arbitraries.of("iso-8601", "20060102_150405-0700", "2006-01-02T15:04:05Z07:00", "15.04.05-07",
                "2006-01-02_15:04:05-07:00:00", "20060102T150405Z070000", "2006 MST");
    }

    @Provide
    Arbitrary<String> zoneIds() {
        return Arbitraries.of("UTC", "Europe/Berlin", "Europe/London", "America/New_York", "Asia/Kolkata",
                "Asia/Dubai", "Pacific/Chatham", "America/St_Johns", "Australia/Lord_Howe", "Africa/Casablanca");
    }
}
