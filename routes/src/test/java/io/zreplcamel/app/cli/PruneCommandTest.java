package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.jobs.FakeZfsPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prune --dry-run} against a fake zfs: the daemon's listing and plan, and nothing destroyed. */
class PruneCommandTest {

    @TempDir
    Path dir;
    String config;
    FakeZfsPool pool;

    @BeforeEach
    void files() throws IOException {
        config = Files.writeString(dir.resolve("zrepl.yml"), CliRun.CONFIG).toString();
        Path poolDir = Files.createDirectory(dir.resolve("pool"));
        pool = TestPruneCommandTest.fakePoolLikeTheFile(poolDir);
    }

    @Test
    void dryRunShowsWhatTheNextPruningWouldDestroyAndDestroysNothing() {
        CliRun r = CliRun.of("prune", "--config", config, "--job", "snapjob", "--dry-run", "--zfs-command",
                pool.script().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("tank/a: 1 of 4 snapshots would be destroyed")
                .containsPattern("destroy +tank/a@zrepl_2 ")
                .containsPattern("keep +tank/a@zrepl_3 .*kept by newest snapshot protection \\(protect_newest\\)")
                .endsWith("dry run: the next pruning of job snapjob would destroy 1 of 4 snapshot(s) in 3 "
                        + "filesystem(s)\n");
        assertThat(pool.calls()).allMatch(c -> c.startsWith("list ")).hasSize(2);
        assertThat(pool.snapshots()).hasSize(5);
    }

    @Test
    void jsonHasTheShapeOfTestPruneAndExactZreplIsAvailable() {
        CliRun prune = CliRun.of("prune", "--config", config, "--job", "snapjob", "--dry-run", "--json",
                "--exact-zrepl", "--zfs-command", pool.script().toString());
        CliRun test = CliRun.of("test", "prune", "--config", config, "--job", "snapjob", "--json",
                "--exact-zrepl", "--zfs-command", pool.script().toString());
        assertThat(prune.exit()).as(prune.err()).isZero();
        assertThat(prune.out()).isEqualTo(test.out())
                .contains("{\"snapshot\": \"tank/a@zrepl_3\", \"action\": \"destroy\", \"keptBy\": []}");
    }

    @Test
    void refusesToPruneForRealAndJobsItDoesNotRun() {
        CliRun real = CliRun.of("prune", "--config", config, "--job", "snapjob", "--zfs-command",
                pool.script().toString());
        assertThat(real.exit()).isEqualTo(2);
        assertThat(real.err()).contains("only --dry-run is supported; the daemon prunes");
        assertThat(pool.calls()).isEmpty();

        CliRun push = CliRun.of("prune", "--config", config, "--job", "push", "--dry-run");
        assertThat(push.exit()).isEqualTo(2);
        assertThat(push.err()).contains("job push is a push job");
        assertThat(CliRun.of("prune", "--config", config, "--job", "nope", "--dry-run").err())
                .contains("job \"nope\" not found");
    }
}
