package io.zreplcamel.config.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    /** The next {@code count} fire times after {@code from}, as offset date-times. */
    private static List<String> fires(String spec, String from, int count) {
        CronSchedule schedule = CronSchedule.parse(spec);
        List<String> out = new ArrayList<>();
        ZonedDateTime t = ZonedDateTime.parse(from);
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = schedule.next(t);
            if (next.isEmpty()) {
                break;
            }
            t = next.get();
            out.add(t.toOffsetDateTime().toString());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource(delimiter = '|', value = {
            "*/5 * * * *|2024-01-01T00:00:00Z[UTC]|2024-01-01T00:05Z 2024-01-01T00:10Z 2024-01-01T00:15Z",
            "*/5 * * * *|2024-01-01T00:04:59.999Z[UTC]|2024-01-01T00:05Z 2024-01-01T00:10Z",
            "0 3 * * *|2024-01-01T03:00:00Z[UTC]|2024-01-02T03:00Z 2024-01-03T03:00Z",
            "5/20 * * * *|2024-01-01T00:00:00Z[UTC]|2024-01-01T00:05Z 2024-01-01T00:25Z 2024-01-01T00:45Z"
                    + " 2024-01-01T01:05Z",
            "*/15 * * * * *|2024-01-01T00:00:00Z[UTC]|2024-01-01T00:00:15Z 2024-01-01T00:00:30Z",
            "0 12 * JAN,jul MON-FRI|2024-01-31T13:00:00Z[UTC]|2024-07-01T12:00Z 2024-07-02T12:00Z",
            // day-of-month and day-of-week both restricted: either matches (robfig)
            "0 0 13 * FRI|2024-01-01T00:00:00Z[UTC]|2024-01-05T00:00Z 2024-01-12T00:00Z 2024-01-13T00:00Z"
                    + " 2024-01-19T00:00Z",
            // only day-of-month restricted: both must match, '*' matches every weekday
            "0 0 13 * *|2024-01-01T00:00:00Z[UTC]|2024-01-13T00:00Z 2024-02-13T00:00Z",
            "0 0 13 * ?|2024-01-01T00:00:00Z[UTC]|2024-01-13T00:00Z 2024-02-13T00:00Z",
            // a step > 1 makes '*' count as restricted (robfig), so this is 1st OR Sun/Tue/Thu/Sat
            "0 0 1 * */2|2024-01-01T00:00:00Z[UTC]|2024-01-02T00:00Z 2024-01-04T00:00Z 2024-01-06T00:00Z",
            "@hourly|2024-01-01T00:30:00Z[UTC]|2024-01-01T01:00Z 2024-01-01T02:00Z",
            "@daily|2024-01-01T00:30:00Z[UTC]|2024-01-02T00:00Z",
            "@midnight|2024-01-01T00:30:00Z[UTC]|2024-01-02T00:00Z",
            "@weekly|2024-01-01T00:30:00Z[UTC]|2024-01-07T00:00Z 2024-01-14T00:00Z",
            "@monthly|2024-01-01T00:30:00Z[UTC]|2024-02-01T00:00Z",
            "@yearly|2024-01-01T00:30:00Z[UTC]|2025-01-01T00:00Z",
            "@annually|2024-01-01T00:30:00Z[UTC]|2025-01-01T00:00Z",
            "@every 90m|2024-01-01T10:00:30.5Z[UTC]|2024-01-01T11:30:30Z 2024-01-01T13:00:30Z",
            "@every 500ms|2024-01-01T10:00:00Z[UTC]|2024-01-01T10:00:01Z",
            "CRON_TZ=America/New_York 0 9 * * *|2024-01-01T00:00:00Z[UTC]|2024-01-01T14:00Z",
            "TZ=UTC 0 0 * * *|2024-01-01T12:00:00+01:00[Europe/Berlin]|2024-01-02T01:00+01:00",
            // spring forward in Berlin (02:00 -> 03:00): 02:30 does not exist on 31 March and is skipped
            "30 2 * * *|2024-03-30T12:00:00+01:00[Europe/Berlin]|2024-04-01T02:30+02:00",
            "0 * * * *|2024-03-31T01:00:00+01:00[Europe/Berlin]|2024-03-31T03:00+02:00 2024-03-31T04:00+02:00",
            // fall back in Berlin (03:00 -> 02:00): 02:30 happens twice and fires twice
            "30 2 * * *|2024-10-27T00:00:00+02:00[Europe/Berlin]|2024-10-27T02:30+02:00 2024-10-27T02:30+01:00"
                    + " 2024-10-28T02:30+01:00",
            // 29 February: 2100 is no leap year
            "0 0 29 2 *|2097-03-01T00:00:00Z[UTC]|2104-02-29T00:00Z",
            "0 0 30 2 *|2024-01-01T00:00:00Z[UTC]|",
    })
    void nextFireTimes(String spec, String from, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(fires(spec, from, want.size() + (want.isEmpty() ? 1 : 0))).isEqualTo(want);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "* * *|expected 5 fields",
            "* * * * * * *|found 7",
            "60 * * * *|minute field \"60\": 60 is above the maximum 59",
            "* 24 * * *|hour field \"24\"",
            "* * 0 * *|day-of-month field \"0\": 0 is below the minimum 1",
            "* * 32 * *|above the maximum 31",
            "* * * 13 *|month field \"13\"",
            "* * * * 7|day-of-week field \"7\"",
            "*/0 * * * *|the step must be a positive number",
            "5-1 * * * *|range start 5 is after its end 1",
            "1-2-3 * * * *|more than one '-'",
            "1/2/3 * * * *|more than one '/'",
            "a * * * *|\"a\" is not a number",
            "* * * FOO *|is not a number or a name such as JAN",
            "* * * * FOO|is not a number or a name such as MON",
            "1,,2 * * * *|empty list entry",
            "-1 * * * *|is not a number",
            "@fortnightly|unknown descriptor",
            "@every|@every needs a Go duration",
            "@every 1d|unknown unit",
            "CRON_TZ=Mars/Base * * * * *|unknown time zone \"Mars/Base\"",
            "TZ=UTC|nothing after the time zone",
    })
    void rejectsWithAReason(String spec, String reason) {
        assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron spec")
                .hasMessageContaining(reason);
    }

    @Test
    void evaluatesInTheZoneOfTheGivenTimeUnlessTheSpecFixesOne() {
        CronSchedule local = CronSchedule.parse("0 6 * * *");
        ZonedDateTime tokyoMidnight = ZonedDateTime.parse("2024-05-01T00:00:00+09:00[Asia/Tokyo]");

        assertThat(local.next(tokyoMidnight)).contains(ZonedDateTime.parse("2024-05-01T06:00:00+09:00[Asia/Tokyo]"));
        assertThat(local.zone()).isEmpty();
        assertThat(CronSchedule.parse("CRON_TZ=Asia/Tokyo 0 6 * * *").zone()).contains(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void matchesChecksWallClockFields() {
        CronSchedule s = CronSchedule.parse("30 2 * * MON");

        assertThat(s.matches(ZonedDateTime.parse("2024-01-01T02:30:00Z[UTC]"))).isTrue();
        assertThat(s.matches(ZonedDateTime.parse("2024-01-02T02:30:00Z[UTC]"))).isFalse();
        assertThat(s.matches(ZonedDateTime.parse("2024-01-01T02:30:01Z[UTC]"))).isFalse();
        assertThat(CronSchedule.parse("@every 1h").matches(ZonedDateTime.parse("2024-01-01T02:00:00Z[UTC]")))
                .isFalse();
    }
}
