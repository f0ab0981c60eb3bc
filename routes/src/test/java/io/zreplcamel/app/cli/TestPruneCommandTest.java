package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.jobs.FakeZfsPool;
import io.zreplcamel.processors.pruning.NewestSnapshotProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPruneCommandTest {

    static final String GRID = "\"grid(1x1h | 24x1h, regex=\\\"^zrepl_\\\")\"";
    static final String PROTECTION = "\"newest snapshot protection (protect_newest)\"";

    @TempDir
    Path dir;
    String config;
    String snaps;

    @BeforeEach
    void files() throws IOException {
        config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        snaps = Files.writeString(dir.resolve("snaps.tsv"), String.join("\n",
                "# dataset@name, creation, createtxg, replicated",
                "tank/a@zrepl_1\t2024-05-14T10:00:00Z\t100\tyes",
                "tank/a@zrepl_2\t2024-05-14T10:20:00Z\t101\tyes",
                "tank/a@manual_x\t2024-05-10T10:15:00Z\t50\tyes",
                "tank/a@zrepl_3\t2024-05-14T12:40:00+02:00\t102\tno",
                "")).toString();
    }

    @Test
    void jsonListsEverySnapshotWithItsActionAndKeepers() {
        // zrepl's grid keeps zrepl_1, the oldest of the first hour; protect_newest (on by default) keeps zrepl_3,
        // the newest snapshot the grid matches, and says so
        CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from", snaps,
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                [
                  {"snapshot": "tank/a@manual_x", "action": "keep", "keptBy": ["regex(\\"^manual_\\")"]},
                  {"snapshot": "tank/a@zrepl_1", "action": "keep", "keptBy": [%s]},
                  {"snapshot": "tank/a@zrepl_2", "action": "destroy", "keptBy": [], "note": "%s"},
                  {"snapshot": "tank/a@zrepl_3", "action": "keep", "keptBy": [%s]}
                ]
                """.formatted(GRID, NewestSnapshotProtection.PREVIOUSLY_PROTECTED_NOTE, PROTECTION));
    }

    @Test
    void textNamesTheProtectionAsTheReason() {
        CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from", snaps);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("job snapjob, prune side local, protect_newest on\n")
                .containsPattern("keep +tank/a@zrepl_3 +2024-05-14T10:40:00Z  kept by newest snapshot protection "
                        + "\\(protect_newest\\)\n")
                .containsPattern("destroy tank/a@zrepl_2 +\\S+  \\(kept by the previous run's newest snapshot");
    }

    @Test
    void exactZreplDestroysTheNewestSnapshot() {
        // zrepl's grid keeps the oldest snapshot of the first hour, so the newest (zrepl_3, "now") goes too
        for (String flag : new String[] {"--exact-zrepl", "--exact-zrepl-grid"}) {
            CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from", snaps,
                    "--json", flag);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("""
                    [
                      {"snapshot": "tank/a@manual_x", "action": "keep", "keptBy": ["regex(\\"^manual_\\")"]},
                      {"snapshot": "tank/a@zrepl_1", "action": "keep", "keptBy": [%s]},
                      {"snapshot": "tank/a@zrepl_2", "action": "destroy", "keptBy": []},
                      {"snapshot": "tank/a@zrepl_3", "action": "destroy", "keptBy": []}
                    ]
                    """.formatted(GRID));
        }
        CliRun text = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from", snaps,
                "--exact-zrepl");
        assertThat(text.out()).startsWith("job snapjob, prune side local, protect_newest ignored (--exact-zrepl)\n");
    }

    @Test
    void senderSideUsesReplicatedFlagsAndNowCutsOffLaterSnapshots() {
        CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "push", "--side", "sender",
                "--snapshots-from", snaps, "--now", "2024-05-14T10:30:00Z");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("tank/a: 1 of 3 snapshots would be destroyed")
                .contains("destroy tank/a@manual_x").contains("kept by last_n(count=2)")
                .doesNotContain("zrepl_3");
    }

    @Test
    void badInputExitsWith2() throws IOException {
        assertThat(CliRun.of("test", "prune", "--config", config, "--job", "nope", "--snapshots-from", snaps).err())
                .contains("job \"nope\" not found");
        CliRun sink = CliRun.of("test", "prune", "--config", config, "--job", "sink", "--snapshots-from", snaps);
        assertThat(sink.exit()).isEqualTo(2);
        assertThat(sink.err()).contains("does not prune");
        String bad = Files.writeString(dir.resolve("bad.tsv"), "tank/a@x\tyesterday\t1\n").toString();
        CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from", bad);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.tsv:1: creation: not an ISO-8601 instant");
        CliRun noList = CliRun.of("test", "prune", "--config", config, "--job", "push");
        assertThat(noList.exit()).isEqualTo(2);
        assertThat(noList.err()).contains("listing snapshots from ZFS works for snap jobs")
                .contains("pass --snapshots-from FILE");
        assertThat(CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--side", "sender",
                "--snapshots-from", snaps).exit()).isEqualTo(2);
    }

    @Test
    void snapJobWithoutFileListsFromZfsAndPlansLikeTheFile(@TempDir Path poolDir) throws IOException {
        FakeZfsPool pool = fakePoolLikeTheFile(poolDir);
        CliRun fromZfs = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--zfs-command",
                pool.script().toString());
        assertThat(fromZfs.exit()).as(fromZfs.err()).isZero();
        // the same snapshots from a file give the same plan, plus tank/b (no snapshots) and tank (the filter's root)
        CliRun fromFile = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--snapshots-from",
                snaps);
        assertThat(fromZfs.out()).contains(fromFile.out().substring(fromFile.out().indexOf("tank/a:")))
                .contains("tank: 0 of 0 snapshots would be destroyed")
                .contains("tank/b: 0 of 0 snapshots would be destroyed")
                .doesNotContain("other");
        assertThat(pool.calls()).as("one listing of filesystems, one of all their snapshots").hasSize(2)
                .allMatch(c -> c.startsWith("list "));

        CliRun before = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--zfs-command",
                pool.script().toString(), "--now", "2024-05-14T10:30:00Z", "--json");
        assertThat(before.out()).contains("zrepl_2").doesNotContain("zrepl_3");
    }

    @Test
    void zfsThatCannotRunIsAFailureNotAUsageError() {
        CliRun r = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--zfs-command",
                dir.resolve("no-such-zfs").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot list the job's datasets");
    }

    /** tank, tank/a (with the snapshots of snaps.tsv), tank/b, other. */
    static FakeZfsPool fakePoolLikeTheFile(Path poolDir) throws IOException {
        FakeZfsPool pool = FakeZfsPool.create(poolDir, "tank", "tank/a", "tank/b", "other");
        pool.addSnapshot("tank/a@manual_x", Instant.parse("2024-05-10T10:15:00Z").getEpochSecond());
        pool.addSnapshot("tank/a@zrepl_1", Instant.parse("2024-05-14T10:00:00Z").getEpochSecond());
        pool.addSnapshot("tank/a@zrepl_2", Instant.parse("2024-05-14T10:20:00Z").getEpochSecond());
        pool.addSnapshot("tank/a@zrepl_3", Instant.parse("2024-05-14T10:40:00Z").getEpochSecond());
        pool.addSnapshot("other@zrepl_1", Instant.parse("2024-05-14T10:00:00Z").getEpochSecond());
        return pool;
    }
}
