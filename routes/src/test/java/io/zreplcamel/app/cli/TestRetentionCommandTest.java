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
                "--start", "2024-05-14T00:00:00Z", "--exact-zrepl-grid");
        assertThat(r.exit()).as(r.err()).isZero();
        // zrepl's 1x1h | 24x1h keeps the oldest snapshot of each hour: at midnight the one just taken and 24 hourly ones
        assertThat(r.out()).contains("job snapjob: periodic every 15m, 193 snapshots taken in 2 day(s)")
                .containsPattern("day   1  2024-05-15T00:00:00Z    25 snapshots  ages: 0m 60m 2h 3h")
                .contains("day   2  2024-05-16T00:00:00Z    25 snapshots");
    }

    @Test
    void protectingTheNewestThinsAGridWhoseFirstIntervalKeepsACount() throws IOException {
        // The price of the default safeguard (docs/pruning.md): the newest snapshot survives one more run and then,
        // as the oldest of the first interval, displaces the hourly one, so hourly slots drift to 45m/90m spacing.
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG.replace("grid: 1x1h | 24x1h",
                "grid: 1x1h | 2x1h")).toString();
        String[] args = {"test", "retention", "--config", config, "--job", "snapjob", "--days", "1", "--start",
                "2024-05-14T00:10:00Z"};
        CliRun byDefault = CliRun.of(args);
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).doesNotContain("exact")
                .contains("day   1  2024-05-15T00:10:00Z     3 snapshots  ages: 0m 45m 90m\n");
        CliRun exact = CliRun.of(concat(args, "--exact-zrepl-grid"));
        assertThat(exact.out()).contains("(exact zrepl grids)")
                .contains("day   1  2024-05-15T00:10:00Z     3 snapshots  ages: 0m 60m 2h\n");
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
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
