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
                "--start", "2024-05-14T00:00:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        // 1x1h | 24x1h keeps the oldest snapshot of each hour: at midnight the one just taken and 24 hourly ones
        assertThat(r.out()).contains("job snapjob: periodic every 15m, 193 snapshots taken in 2 day(s)")
                .containsPattern("day   1  2024-05-15T00:00:00Z    25 snapshots  ages: 0m 60m 2h 3h")
                .contains("day   2  2024-05-16T00:00:00Z    25 snapshots");
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
