package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFilesystemsCommandTest {

    @TempDir
    Path dir;

    Path config;
    Path datasets;

    @BeforeEach
    void files() throws Exception {
        config = dir.resolve("zrepl.yml");
        Files.writeString(config, """
                jobs:
                - name: prod_to_backups
                  type: push
                  connect: {type: tcp, address: "backups:8888"}
                  filesystems: {
                    "zroot<": true,
                    "zroot/var/tmp<": false,
                    "zroot/usr/home/paranoid": false
                  }
                  snapshotting: {type: manual}
                  pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                - name: sink
                  type: sink
                  root_fs: backup
                  serve: {type: tcp, listen: ":8888", clients: {"10.0.0.1": prod}}
                """);
        datasets = dir.resolve("datasets.txt");
        Files.writeString(datasets, """
                zroot
                zroot/usr/home/paranoid
                zroot/usr/home/paranoid/docs

                zroot/var/tmp
                other/pool
                """);
    }

    @Test
    void printsAcceptedDatasetsWithTheDecidingRule() {
        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--datasets-from", datasets.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                ACCEPT\tzroot\tzroot<
                ACCEPT\tzroot/usr/home/paranoid/docs\tzroot<
                """);
    }

    @Test
    void allAlsoPrintsRejectedOnes() {
        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--datasets-from", datasets.toString(), "--all");

        assertThat(run.out()).isEqualTo("""
                ACCEPT\tzroot\tzroot<
                REJECT\tzroot/usr/home/paranoid\tzroot/usr/home/paranoid
                ACCEPT\tzroot/usr/home/paranoid/docs\tzroot<
                REJECT\tzroot/var/tmp\tzroot/var/tmp<
                REJECT\tother/pool\t-
                """);
    }

    @Test
    void jsonListsDatasetAcceptedAndRule() {
        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--input", "zroot/a", "--input", "other", "--all", "--json");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                [
                  {
                    "dataset": "zroot/a",
                    "accepted": true,
                    "rule": "zroot<"
                  },
                  {
                    "dataset": "other",
                    "accepted": false,
                    "rule": null
                  }
                ]
                """);
    }

    @Test
    void invalidDatasetNamesAreErrorsAndExitTwo() {
        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--input", "zroot/", "--input", "zroot/ok");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEqualTo("ERROR\tzroot/\tinvalid dataset name: must not end with '/'\n"
                + "ACCEPT\tzroot/ok\tzroot<\n");
    }

    @Test
    void unknownJobAndJobWithoutFilterAreUsageErrors() {
        CliRun unknown = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "nope",
                "--input", "x");
        CliRun sink = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "sink",
                "--input", "x");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("job \"nope\" is not defined in the config (jobs: prod_to_backups, sink)");
        assertThat(sink.exit()).isEqualTo(2);
        assertThat(sink.err()).contains("is a sink job, which has no filesystems filter");
    }

    @Test
    void invalidConfigIsReportedWithPositions() throws Exception {
        Files.writeString(config, "jobs:\n- name: x\n  type: snap\n");

        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "x", "--input", "a");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(config + ":2:3: jobs[0]: missing required field \"filesystems\"");
    }

    @Test
    void missingDatasetsFileIsAUsageError() {
        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--datasets-from", dir.resolve("none.txt").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--datasets-from").contains("no such file");
    }
}
