package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSnapshotNameCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsPrefixPlusTimestamp() throws IOException {
        String config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        CliRun dense = CliRun.of("test", "snapshot-name", "--config", config, "--job", "snapjob",
                "--at", "2024-05-14T21:16:23.5Z");
        assertThat(dense.out()).isEqualTo("zrepl_20240514_211623_000\n");
        CliRun iso = CliRun.of("test", "snapshot-name", "--config", config, "--job", "push",
                "--at", "2024-05-14T21:16:23Z");
        assertThat(iso.out()).isEqualTo("auto-2024-05-14T23:16:23.000_0200\n");
        CliRun json = CliRun.of("test", "snapshot-name", "--config", config, "--job", "push",
                "--at", "2024-05-14T21:16:23Z", "--json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json.out(), java.util.Map.class))
                .containsExactly(java.util.Map.entry("job", "push"), java.util.Map.entry("at", "2024-05-14T21:16:23Z"),
                        java.util.Map.entry("name", "auto-2024-05-14T23:16:23.000_0200"));
        CliRun sink = CliRun.of("test", "snapshot-name", "--config", config, "--job", "sink");
        assertThat(sink.exit()).isEqualTo(2);
        assertThat(sink.err()).contains("takes no snapshots");
        assertThat(CliRun.of("test", "snapshot-name", "--config", config, "--job", "snapjob", "--at", "noon")
                .exit()).isEqualTo(2);
    }
}
