package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

    // ---- datasets from zfs list (a fake zfs: this is process control flow, the platform test uses real ZFS)

    private Path fakeZfs(String body) throws Exception {
        Path p = dir.resolve("zfs");
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    @Timeout(60)
    void zfsListWritingAMebibyteToStderrBeforeStdoutDoesNotDeadlock() throws Exception {
        // reading stdout to its end before stderr would wait forever: zfs blocks on the full stderr pipe
        Path zfs = fakeZfs("[ \"$*\" = 'list -H -p -o name -t filesystem,volume' ] || exit 9\n"
                + "head -c 1048576 /dev/zero | tr '\\0' w >&2\nprintf 'zroot\\nzroot/var/tmp\\nother\\n'");

        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--zfs-command", zfs.toString(), "--all");

        assertThat(run.err().lines()).allMatch(l -> l.startsWith("warning: ") && l.contains("is not implemented yet"));
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("""
                ACCEPT\tzroot\tzroot<
                REJECT\tzroot/var/tmp\tzroot/var/tmp<
                REJECT\tother\t-
                """);
    }

    @Test
    @Timeout(60)
    void theZfsTimeoutCoversTheWholeCommandNotOnlyTheWaitAfterReading() throws Exception {
        // prints and keeps stdout open: a timeout that starts after reading stdout to its end never starts
        Path zfs = fakeZfs("echo zroot; exec sleep 300");
        long start = System.nanoTime();

        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--zfs-command", zfs.toString(), "--zfs-timeout", "1s");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("timed out").contains("zfs list");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Timeout(60)
    void aListingNotReadToItsEndIsAnErrorNotTheFirstHalf() throws Exception {
        // the first dataset, then the process exits while its child still holds stdout (past the drain grace)
        Path pid = dir.resolve("child.pid");
        Path zfs = fakeZfs("echo zroot; (exec sleep 20) & echo $! > '" + pid + "'; sleep 0.3; exit 0");

        CliRun run;
        try {
            run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                    "--zfs-command", zfs.toString());
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("output not fully read");
        assertThat(run.out()).doesNotContain("zroot");
    }

    @Test
    void aFailingZfsListIsReportedWithItsStderr() throws Exception {
        Path zfs = fakeZfs("echo 'The ZFS modules are not loaded.' >&2; exit 1");

        CliRun run = CliRun.of("test", "filesystems", "--config", config.toString(), "--job", "prod_to_backups",
                "--zfs-command", zfs.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("The ZFS modules are not loaded.");
        CliRun missing = CliRun.of("test", "filesystems", "--config", config.toString(), "--job",
                "prod_to_backups", "--zfs-command", dir.resolve("no-zfs").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("give the datasets with --datasets-from FILE or --input NAME");
    }
}
