package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestCronCommandTest {

    @Test
    void printsTheNextFireTimesAsInstants() {
        CliRun run = CliRun.of("test", "cron", "--spec", "*/15 * * * *", "--from", "2024-01-01T00:00:00Z",
                "--count", "3", "--zone", "UTC");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("2024-01-01T00:15:00Z\n2024-01-01T00:30:00Z\n2024-01-01T00:45:00Z\n");
    }

    @Test
    void jsonIsTheSameTimesAsAList() throws Exception {
        CliRun run = CliRun.of("test", "cron", "--spec", "*/15 * * * *", "--from", "2024-01-01T00:00:00Z",
                "--count", "3", "--zone", "UTC", "--json");

        assertThat(run.exit()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(run.out(), java.util.List.class))
                .containsExactly("2024-01-01T00:15:00Z", "2024-01-01T00:30:00Z", "2024-01-01T00:45:00Z");
    }

    @Test
    void evaluatesInTheGivenZoneAcrossDaylightSaving() {
        CliRun run = CliRun.of("test", "cron", "--spec", "30 2 * * *", "--from", "2024-10-26T12:00:00",
                "--count", "3", "--zone", "Europe/Berlin", "--offset");

        assertThat(run.out()).isEqualTo("2024-10-27T02:30:00+02:00\n2024-10-27T02:30:00+01:00\n"
                + "2024-10-28T02:30:00+01:00\n");
    }

    @Test
    void specZoneWinsOverZoneOption() {
        CliRun run = CliRun.of("test", "cron", "--spec", "CRON_TZ=America/New_York 0 9 * * *", "--from",
                "2024-01-01T00:00:00Z", "--count", "1", "--zone", "Asia/Tokyo");

        assertThat(run.out()).isEqualTo("2024-01-01T14:00:00Z\n");
    }

    @Test
    void descriptorsAndSecondsField() {
        assertThat(CliRun.of("test", "cron", "--spec", "@daily", "--from", "2024-01-01T10:00:00Z", "--count", "2",
                "--zone", "UTC").out()).isEqualTo("2024-01-02T00:00:00Z\n2024-01-03T00:00:00Z\n");
        assertThat(CliRun.of("test", "cron", "--spec", "30 * * * * *", "--from", "2024-01-01T10:00:00Z", "--count",
                "2", "--zone", "UTC").out()).isEqualTo("2024-01-01T10:00:30Z\n2024-01-01T10:01:30Z\n");
    }

    @Test
    void badSpecIsExitTwoWithTheReason() {
        CliRun run = CliRun.of("test", "cron", "--spec", "61 * * * *");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("zrepl-camel test cron: invalid cron spec \"61 * * * *\": minute field \"61\":"
                + " 61 is above the maximum 59\n");
    }

    @Test
    void badFromZoneAndCountAreExitTwo() {
        assertThat(CliRun.of("test", "cron", "--spec", "* * * * *", "--from", "yesterday").err())
                .contains("--from \"yesterday\" is not an ISO-8601 date-time");
        assertThat(CliRun.of("test", "cron", "--spec", "* * * * *", "--zone", "Mars/Base").exit()).isEqualTo(2);
        assertThat(CliRun.of("test", "cron", "--spec", "* * * * *", "--count", "0").exit()).isEqualTo(2);
        assertThat(CliRun.of("test", "cron", "--spec", "* * * * *", "--count", "x").exit()).isEqualTo(2);
    }

    @Test
    void scheduleThatNeverFiresSaysSo() {
        CliRun run = CliRun.of("test", "cron", "--spec", "0 0 30 2 *", "--from", "2024-01-01T00:00:00Z", "--zone",
                "UTC");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("fires never within 10 years");
    }
}
