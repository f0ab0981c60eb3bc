package io.zreplcamel.processors.snapshotting;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.cron.CronSchedule;
import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.values.TimestampFormat;
import io.zreplcamel.processors.hooks.HookOutcome;
import io.zreplcamel.processors.hooks.HookStepStatus;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SnapshottingTest {

    static final Instant NOW = Instant.parse("2024-05-14T21:16:23.5Z");
    static final Duration TEN_MIN = Duration.ofMinutes(10);

    @Test
    void namesArePrefixPlusTimestamp() {
        SnapshotNamer namer = new SnapshotNamer("zrepl_", TimestampFormat.dense());
        assertThat(namer.name(NOW)).isEqualTo("zrepl_20240514_211623_000");
        assertThat(namer.owns("zrepl_20240514_211623_000")).isTrue();
        assertThat(namer.owns("manual")).isFalse();
        Snapshotting.Periodic periodic = new Snapshotting.Periodic("auto-", TEN_MIN,
                TimestampFormat.parse("human", "UTC"), List.of(), false);
        assertThat(SnapshotNamer.of(periodic).name(NOW)).isEqualTo("auto-2024-05-14_21:16:23");
    }

    // --- periodic sync-up ---

    static FilesystemVersion snap(String name, long txg, Instant creation) {
        return FilesystemVersion.snapshot(name, txg, txg, creation);
    }

    @Test
    void syncPointIsTheEarliestNewestPrefixedSnapshotPlusInterval() {
        PeriodicSyncUp.Result r = PeriodicSyncUp.compute(NOW, TEN_MIN, "zrepl_", List.of(
                PeriodicSyncUp.FilesystemSnapshots.of("pool/a", List.of(
                        snap("zrepl_1", 1, NOW.minusSeconds(900)), snap("zrepl_2", 2, NOW.minusSeconds(240)),
                        snap("manual", 3, NOW.minusSeconds(10)))),
                PeriodicSyncUp.FilesystemSnapshots.of("pool/b", List.of(snap("zrepl_x", 5, NOW.minusSeconds(420)))),
                PeriodicSyncUp.FilesystemSnapshots.of("pool/new", List.of())));
        assertThat(r.candidates()).containsEntry("pool/a", NOW.plusSeconds(360))
                .containsEntry("pool/b", NOW.plusSeconds(180));
        assertThat(r.syncPoint()).contains(NOW.plusSeconds(180));
        assertThat(r.withoutSnapshots()).containsExactly("pool/new");
        assertThat(r.warnings()).containsExactly("filesystem will not be snapshotted until sync point: pool/new");
    }

    @Test
    void noPrefixedSnapshotsMeansNow() {
        PeriodicSyncUp.Result r = PeriodicSyncUp.compute(NOW, TEN_MIN, "zrepl_",
                List.of(PeriodicSyncUp.FilesystemSnapshots.of("pool/a", List.of(snap("other", 1, NOW)))));
        assertThat(r.syncPoint()).contains(NOW);
        assertThat(r.warnings()).isEmpty();
        assertThat(PeriodicSyncUp.compute(NOW, TEN_MIN, "z", List.of()).syncPoint()).contains(NOW);
    }

    @Test
    void futureSnapshotsAndListErrorsAreHardErrorsPerFilesystem() {
        PeriodicSyncUp.Result r = PeriodicSyncUp.compute(NOW, TEN_MIN, "zrepl_", List.of(
                PeriodicSyncUp.FilesystemSnapshots.of("pool/a", List.of(snap("zrepl_f", 1, NOW.plusSeconds(5)))),
                new PeriodicSyncUp.FilesystemSnapshots("pool/b", List.of(), Optional.of("boom")),
                PeriodicSyncUp.FilesystemSnapshots.of("pool/c", List.of(snap("zrepl_1", 1, NOW.minusSeconds(60))))));
        assertThat(r.hardErrors()).containsOnlyKeys("pool/a", "pool/b");
        assertThat(r.hardErrors().get("pool/a")).contains("is from the future");
        assertThat(r.syncPoint()).contains(NOW.plusSeconds(540));

        PeriodicSyncUp.Result all = PeriodicSyncUp.compute(NOW, TEN_MIN, "zrepl_", List.of(
                new PeriodicSyncUp.FilesystemSnapshots("pool/b", List.of(), Optional.of("boom"))));
        assertThat(all.error()).contains("hard errors in determining sync point for every matching filesystem");
        assertThat(all.syncPoint()).isEmpty();
    }

    /** Restarting never delays the first snapshot by more than one interval. */
    @Property(tries = 10_000)
    void syncPointNeverWaitsLongerThanOneInterval(@ForAll @IntRange(min = 0, max = 5) int filesystems,
                                                  @ForAll @LongRange(min = 1, max = 86_400) long intervalSeconds,
                                                  @ForAll @LongRange(min = 0, max = 200_000) long age) {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        List<PeriodicSyncUp.FilesystemSnapshots> fss = new ArrayList<>();
        for (int i = 0; i < filesystems; i++) {
            fss.add(PeriodicSyncUp.FilesystemSnapshots.of("pool/" + i,
                    List.of(snap("zrepl_" + i, i, NOW.minusSeconds(age * (i + 1) / (filesystems + 1))))));
        }
        Instant sync = PeriodicSyncUp.compute(NOW, interval, "zrepl_", fss).syncPoint().orElseThrow();
        assertThat(sync).isBeforeOrEqualTo(NOW.plus(interval));
    }

    // --- run planning ---

    static Hook.Command hook(String path, String filter) {
        return new Hook.Command(path, Duration.ofSeconds(30), FilesystemFilter.of(Map.of(filter, true)), false);
    }

    @Test
    void oneBatchPerFilesystemWithoutAtomic() {
        SnapshotRunPlan plan = SnapshotRunPlanner.plan(List.of("tank/b", "pool/x", "tank/a"),
                List.of(hook("/h1", "tank<"), hook("/h2", "nowhere<")), false);
        assertThat(plan.batches()).extracting(SnapshotBatch::filesystems)
                .containsExactly(List.of("pool/x"), List.of("tank/a"), List.of("tank/b"));
        assertThat(plan.warnings()).containsExactly("hook did not match any snapshotted filesystems: command \"/h2\"");
    }

    @Test
    void atomicGroupsByPool() {
        SnapshotRunPlan plan = SnapshotRunPlanner.plan(List.of("tank/b", "pool", "tank", "pool/x/y"), List.of(), true);
        assertThat(plan.batches()).containsExactly(
                new SnapshotBatch("pool", List.of("pool", "pool/x/y"), true),
                new SnapshotBatch("tank", List.of("tank", "tank/b"), true));
    }

    @Test
    void planFromConfigAppliesTheFilter() {
        Snapshotting.Periodic periodic = new Snapshotting.Periodic("zrepl_", TEN_MIN, TimestampFormat.dense(),
                List.of(), true);
        SnapshotRunPlan plan = SnapshotRunPlanner.plan(List.of("tank", "tank/a", "tank/tmp", "other/x"),
                FilesystemFilter.of(Map.of("tank<", true, "tank/tmp", false)), periodic);
        assertThat(plan.filesystems()).containsExactly("tank", "tank/a");
        assertThat(plan.batches()).hasSize(1);
    }

    // --- running ---

    @Test
    void atomicBatchTakesOneSnapshotCallAndLeavesOutFatalFilesystems() {
        List<String> calls = new ArrayList<>();
        Hook.Command fatalOnB = new Hook.Command("/check", Duration.ofSeconds(30),
                FilesystemFilter.of(Map.of("tank/b", true)), true);
        SnapshotRunner runner = new SnapshotRunner(new SnapshotNamer("zrepl_", TimestampFormat.dense()),
                (fss, name) -> calls.add(String.join(",", fss) + "@" + name),
                (hook, env) -> HookOutcome.failed("exit status 1", "", env),
                Clock.fixed(NOW, ZoneOffset.UTC));
        SnapshotRunReport report = runner.run(SnapshotRunPlanner.plan(List.of("tank/a", "tank/b", "tank/c"),
                List.of(fatalOnB), true));
        assertThat(calls).containsExactly("tank/a,tank/c@zrepl_20240514_211623_000");
        assertThat(report.filesystems()).extracting(FilesystemSnapshotReport::state).containsExactly(
                FilesystemSnapshotReport.State.DONE, FilesystemSnapshotReport.State.ERROR,
                FilesystemSnapshotReport.State.DONE);
        assertThat(report.filesystems().get(1).hooks().snapshotStep().status())
                .isEqualTo(HookStepStatus.SKIPPED_DUE_TO_FATAL_ERR);
        assertThat(report.filesystems().get(1).error()).contains("pre hook command \"/check\" failed: exit status 1");
        assertThat(report.snapshotsTaken()).containsExactly("tank/a@zrepl_20240514_211623_000",
                "tank/c@zrepl_20240514_211623_000");
        assertThat(report.hadError()).isTrue();
    }

    @Test
    void snapshotErrorsMarkTheFilesystem() {
        SnapshotRunner runner = new SnapshotRunner(new SnapshotNamer("s_", TimestampFormat.dense()),
                (fss, name) -> {
                    throw new IllegalStateException("out of space");
                },
                (hook, env) -> HookOutcome.ok("", env), Clock.fixed(NOW, ZoneOffset.UTC));
        SnapshotRunReport report = runner.run(SnapshotRunPlanner.plan(List.of("tank/a"), List.of(), false));
        assertThat(report.filesystems().get(0).error()).contains("snapshot failed: out of space");
    }

    // --- schedules ---

    @Test
    void periodicAndCronNextRuns() {
        SnapshotSchedule periodic = new SnapshotSchedule(new Snapshotting.Periodic("z", TEN_MIN,
                TimestampFormat.dense(), List.of(), false), ZoneOffset.UTC);
        assertThat(periodic.nextAfter(NOW)).contains(NOW.plus(TEN_MIN));
        SnapshotSchedule cron = new SnapshotSchedule(new Snapshotting.Cron("z", CronSchedule.parse("0 * * * *"),
                TimestampFormat.dense(), List.of(), false), ZoneId.of("UTC"));
        assertThat(cron.nextAfter(NOW)).contains(Instant.parse("2024-05-14T22:00:00Z"));
        assertThat(new SnapshotSchedule(new Snapshotting.Manual(), ZoneOffset.UTC).nextAfter(NOW)).isEmpty();
    }
}
