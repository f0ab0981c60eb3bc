package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRetentionCommandTest {

    @TempDir
    Path dir;

    @Test
    void simulatesDaysOfSnapshotsAndPruning() throws IOException {
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        CliRun r = CliRun.of("test", "retention", "--config", config, "--job", "snapjob", "--days", "2",
                "--start", "2024-05-14T00:00:00Z", "--exact-zrepl");
        assertThat(r.exit()).as(r.err()).isZero();
        // zrepl's 1x1h | 24x1h keeps the oldest snapshot of each hour: at midnight the one just taken and 24 hourly ones
        assertThat(r.out()).contains("job snapjob: periodic every 15m, 193 snapshots taken in 2 day(s)")
                .contains("protect_newest ignored (--exact-zrepl): the rules alone decide, exactly as zrepl's")
                .containsPattern("day   1  2024-05-15T00:00:00Z    25 snapshots  ages: 0m 60m 2h 3h")
                .contains("day   2  2024-05-16T00:00:00Z    25 snapshots");
    }

    @Test
    void jsonHasTheSameDaysAsTheText() throws Exception {
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        CliRun r = CliRun.of("test", "retention", "--config", config, "--job", "snapjob", "--days", "2",
                "--start", "2024-05-14T00:00:00Z", "--exact-zrepl", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(j.path("job").asText()).isEqualTo("snapjob");
        assertThat(j.path("snapshotsTaken").asInt()).isEqualTo(193);
        com.fasterxml.jackson.databind.JsonNode day1 = j.at("/sides/local/0");
        assertThat(day1.path("day").asInt()).isEqualTo(1);
        assertThat(day1.path("end").asText()).isEqualTo("2024-05-15T00:00:00Z");
        assertThat(day1.path("count").asInt()).isEqualTo(25).isEqualTo(day1.path("snapshots").size());
        // youngest first, as the text's ages: 0m 60m 2h 3h ...
        assertThat(day1.at("/snapshots/0/ageSeconds").asLong()).isZero();
        assertThat(day1.at("/snapshots/1/ageSeconds").asLong()).isEqualTo(3600);
        assertThat(day1.path("protected").isNull()).isTrue();
        assertThat(j.at("/sides/local/1/count").asInt()).isEqualTo(25);
    }

    /** CliRun.CONFIG's snap job, snapshotting on the quarter hour by cron (runs not anchored at --start). */
    private String quarterHourly(String pruningExtra) throws IOException {
        String yaml = CliRun.CONFIG.replace("type: periodic\n      prefix: zrepl_\n      interval: 15m\n",
                        "type: cron\n      prefix: zrepl_\n      cron: \"*/15 * * * *\"\n")
                .replace("\"^manual_\"\n", "\"^manual_\"\n" + pruningExtra);
        assertThat(yaml).contains("*/15 * * * *").contains(pruningExtra);
        return Files.writeString(dir.resolve("zrepl.yml"), yaml).toString();
    }

    private static final String[] DAYS_2 = {"--job", "snapjob", "--days", "2", "--start", "2024-05-13T23:20:00Z"};

    @Test
    void theProtectionKeepsZreplsHourlySnapshotsPlusTheNewest() throws IOException {
        // issue 9: 15-minute snapshots, 1x1h | 24x1h. zrepl keeps 25 hourly snapshots and destroys the one just
        // taken (23:15 is not in the hourly chain that began at 23:30); with protect_newest (the default) the same
        // 25 stay, plus the newest, marked *.
        String config = quarterHourly("");
        CliRun byDefault = CliRun.of(concat(new String[] {"test", "retention", "--config", config}, DAYS_2));
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        String hourly = " 50m 110m 2h 3h 4h 5h 6h 7h 8h 9h 10h 11h 12h 13h 14h 15h 16h 17h 18h 19h 20h 21h 22h 23h 24h";
        assertThat(byDefault.out())
                .contains("protect_newest on: * marks the snapshot kept only by the newest snapshot protection")
                .contains("day   2  2024-05-15T23:20:00Z    26 snapshots (25 by the rules + 1 protected)  ages: "
                        + "5m*" + hourly + "\n");
        CliRun exact = CliRun.of(concat(new String[] {"test", "retention", "--config", config, "--exact-zrepl"},
                DAYS_2));
        assertThat(exact.out()).contains("day   2  2024-05-15T23:20:00Z    25 snapshots  ages:" + hourly + "\n");
    }

    @Test
    void protectNewestFalseInTheConfigIsZreplsPlanAndSaysSo() throws IOException {
        String config = quarterHourly("      protect_newest: false\n");
        CliRun r = CliRun.of(concat(new String[] {"test", "retention", "--config", config}, DAYS_2));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("protect_newest off: the rules alone decide")
                .contains("    25 snapshots  ages: 50m 110m ").doesNotContain("m*").doesNotContain("protected)");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void pushJobsShowBothSides() throws IOException {
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        CliRun r = CliRun.of("test", "retention", "--config", config, "--job", "push", "--days", "1",
                "--start", "2024-05-14T00:00:00Z");
        assertThat(r.out()).contains("prune side sender:").contains("prune side receiver:")
                .contains("     2 snapshots  ages: 0m 60m").contains("     1 snapshots  ages: 0m");
    }

    @Test
    void rejectsBadDaysAndPassiveJobs() throws IOException {
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        assertThat(CliRun.of("test", "retention", "--config", config, "--job", "snapjob", "--days", "0").exit())
                .isEqualTo(2);
        assertThat(CliRun.of("test", "retention", "--config", config, "--job", "sink", "--days", "1").err())
                .contains("simulate a snap or push job");
    }

    @Test
    void agesAreCompact() {
        assertThat(TestRetentionCommand.formatAge(Duration.ofMinutes(119))).isEqualTo("119m");
        assertThat(TestRetentionCommand.formatAge(Duration.ofHours(47))).isEqualTo("47h");
        assertThat(TestRetentionCommand.formatAge(Duration.ofHours(49))).isEqualTo("2d");
    }
}
