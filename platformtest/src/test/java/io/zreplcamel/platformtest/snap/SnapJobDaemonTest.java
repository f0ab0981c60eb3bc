package io.zreplcamel.platformtest.snap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.pruning.GridRule;
import io.zreplcamel.processors.pruning.PrunePlanner;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.pruning.PruneSnapshot;
import io.zreplcamel.zfs.cmd.ProcessCounter;
import io.zreplcamel.zfs.cmd.Tool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The snap job end to end on real OpenZFS: the daemon ({@link RunningDaemon}, in this JVM) runs a job from a
 * zrepl.yml for several cycles, then the pool is listed once and checked against the run events. Each test starts
 * one daemon and keeps its own zfs commands to a handful; the daemon's are counted through the layer's process
 * counter.
 */
@PlatformTest
class SnapJobDaemonTest extends WithDaemonWorkDir {

    private static final DateTimeFormatter DENSE = DateTimeFormatter.ofPattern("'zrepl_'yyyyMMdd_HHmmss'_000'");
    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void periodicJobTakesNamedSnapshotsRunsHooksAndPrunesToTheNewestThree(TestPool pool) throws Exception {
        String a = pool.ds("a");
        String b = pool.ds("b");
        String blocked = pool.ds("blocked");
        Sh.bash("zfs create " + a + " && zfs create " + b + " && zfs create " + blocked
                + " && zfs snapshot " + a + "@manual_keep " + b + "@manual_keep");
        Path hookLog = work.resolve("hooks.log");
        Path recorder = script("record.sh", "echo \"$1 $ZREPL_HOOKTYPE $ZREPL_FS $ZREPL_SNAPNAME dry=$ZREPL_DRYRUN"
                + " timeout=$ZREPL_TIMEOUT\" >> '" + hookLog + "'");
        Path first = script("first.sh", "exec '" + recorder + "' first");
        Path blocker = script("blocker.sh", "'" + recorder + "' blocker; echo 'not now' >&2; exit 1");
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: snapjob
                    type: snap
                    filesystems: {"%1$s<": true, "%1$s": false}
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: 5s
                      hooks:
                        - {type: command, path: "%2$s"}
                        - {type: command, path: "%3$s", filesystems: {"%4$s": true}, err_is_fatal: true}
                    pruning:
                      keep:
                        - {type: last_n, count: 3, regex: "^zrepl_"}
                        - {type: regex, regex: "^zrepl_", negate: true}
                """.formatted(pool.name(), first, blocker, blocked));

        long listsBefore = ProcessCounter.global().count(Tool.ZFS, "list");
        long destroysBefore = ProcessCounter.global().count(Tool.ZFS, "destroy");
        long snapshotsBefore = ProcessCounter.global().count(Tool.ZFS, "snapshot");
        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        List<Map<String, Object>> runs;
        try {
            runs = new ArrayList<>(daemon.awaitEvents(5, RUNS_TIMEOUT));
        } finally {
            daemon.stop();
        }
        runs.addAll(daemon.remainingEvents());
        long lists = ProcessCounter.global().count(Tool.ZFS, "list") - listsBefore;
        long destroys = ProcessCounter.global().count(Tool.ZFS, "destroy") - destroysBefore;
        long snapshotCalls = ProcessCounter.global().count(Tool.ZFS, "snapshot") - snapshotsBefore;
        Map<String, List<Snap>> onDisk = listSnapshots(pool);

        List<String> taken = new ArrayList<>();
        List<String> expectedHookLog = new ArrayList<>();
        Set<String> destroyed = new LinkedHashSet<>();
        int filesystemsPruned = 0;
        for (Map<String, Object> run : runs) {
            assertThat(run).containsEntry("job", "snapjob").containsEntry("ok", false); // blocked fails each run
            List<Map<String, Object>> fss = maps(run.get("snapshots"));
            assertThat(fss).extracting(fs -> fs.get("filesystem")).containsExactly(a, b, blocked);
            for (Map<String, Object> fs : fss) {
                String fsName = (String) fs.get("filesystem");
                String name = (String) fs.get("snapshot");
                String env = " " + fsName + " " + name + " dry= timeout=30";
                if (fsName.equals(blocked)) {
                    assertThat(fs).containsEntry("state", "ERROR");
                    expectedHookLog.addAll(List.of("first pre_snapshot" + env, "blocker pre_snapshot" + env,
                            "first post_snapshot" + env));
                } else {
                    assertThat(fs).containsEntry("state", "DONE");
                    taken.add(fsName + "@" + name);
                    expectedHookLog.addAll(List.of("first pre_snapshot" + env, "first post_snapshot" + env));
                }
            }
            List<String> planned = new ArrayList<>();
            for (Map<String, Object> plan : maps(run.get("pruning"))) {
                List<String> names = strings(plan.get("destroy"));
                names.forEach(n -> planned.add(plan.get("filesystem") + "@" + n));
                filesystemsPruned += names.isEmpty() ? 0 : 1;
            }
            assertThat(strings(run.get("destroyed"))).as("destroyed what the plan said")
                    .containsExactlyInAnyOrderElementsOf(planned);
            assertThat((Map<?, ?>) run.get("destroyFailed")).isEmpty();
            destroyed.addAll(planned);
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(5);

        // names: prefix + dense UTC timestamp of when the snapshot was taken
        for (String snapshot : taken) {
            Snap s = find(onDisk, snapshot).orElse(null);
            if (s != null) {
                Instant named = LocalDateTime.parse(s.name(), DENSE).toInstant(ZoneOffset.UTC);
                assertThat(Duration.between(named, s.creation()).abs()).as(snapshot + " vs its creation")
                        .isLessThanOrEqualTo(Duration.ofSeconds(2));
            }
        }
        // hooks: in zrepl's order, each with its environment; the fatal pre-hook stopped the blocked snapshot
        assertThat(Files.readAllLines(hookLog)).containsExactlyElementsOf(expectedHookLog);
        assertThat(onDisk.getOrDefault(blocked, List.of())).isEmpty();
        // pruning: exactly the three newest zrepl_ snapshots of each filesystem stay, and the foreign one
        for (String fs : List.of(a, b)) {
            List<String> ofFs = taken.stream().filter(s -> s.startsWith(fs + "@")).toList();
            List<String> expected = new ArrayList<>(List.of(fs + "@manual_keep"));
            expected.addAll(ofFs.subList(ofFs.size() - 3, ofFs.size()));
            assertThat(names(onDisk.get(fs))).as(fs).containsExactlyElementsOf(expected);
        }
        List<String> gone = new ArrayList<>(taken);
        gone.removeIf(s -> find(onDisk, s).isPresent());
        assertThat(destroyed).containsExactlyInAnyOrderElementsOf(gone);
        // ZFS processes of the daemon: two zfs list to start, three per run (one before snapshotting, two to
        // plan pruning), one zfs snapshot per snapshotted filesystem, one zfs destroy per filesystem with work
        assertThat(lists).isEqualTo(2 + 3L * runs.size());
        assertThat(snapshotCalls).isEqualTo(taken.size());
        assertThat(destroys).isEqualTo(filesystemsPruned);

        // prune --dry-run on this host: one more zrepl_ snapshot makes the oldest survivor of a due; nothing goes
        Sh.run("zfs", "snapshot", a + "@zrepl_by_test");
        String oldestSurvivor = names(onDisk.get(a)).get(1);
        Cli dryRun = Cli.run("prune", "--config", config.toString(), "--job", "snapjob", "--dry-run", "--json");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        List<String> wouldDestroy = new ArrayList<>();
        for (Map<String, Object> d : maps(new Load(LoadSettings.builder().build()).loadFromString(dryRun.out()))) {
            if (d.get("action").equals("destroy")) {
                wouldDestroy.add((String) d.get("snapshot"));
            }
        }
        assertThat(wouldDestroy).containsExactly(oldestSurvivor);
        assertThat(names(listSnapshots(pool).get(a))).contains(oldestSurvivor, a + "@zrepl_by_test");
    }

    @Test
    void cronWithSecondsSnapshotsAtomicallyAndTheGridKeepsTheNewest(TestPool pool) throws Exception {
        String x = pool.ds("x");
        String y = pool.ds("y");
        String outside = pool.ds("z");
        Sh.bash("zfs create " + x + " && zfs create " + y + " && zfs create " + outside);
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: cronjob
                    type: snap
                    filesystems: {"%s": true, "%s": true}
                    snapshotting:
                      type: cron
                      cron: "*/5 * * * * *"
                      prefix: zrepl_
                      atomic: true
                    pruning:
                      keep:
                        - {type: grid, grid: 1x1h, regex: "^zrepl_"}
                """.formatted(x, y));

        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        List<Map<String, Object>> runs;
        try {
            runs = new ArrayList<>(daemon.awaitEvents(4, RUNS_TIMEOUT));
        } finally {
            daemon.stop();
        }
        runs.addAll(daemon.remainingEvents());
        Map<String, List<Snap>> onDisk = listSnapshots(pool);

        List<String> runNames = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            assertThat(run).containsEntry("ok", true);
            // the cron's seconds field: runs start on multiples of 5 s (plus the 100 ms tick and some latency),
            // and the next run is computed exactly on one
            long startedMillis = Instant.parse((String) run.get("started")).toEpochMilli();
            assertThat(startedMillis % 5000).as("run start %s", run.get("started")).isLessThan(2500);
            assertThat(Instant.parse((String) run.get("nextRun")).toEpochMilli() % 5000).isZero();
            // atomic: one name for both filesystems of the pool
            List<Map<String, Object>> fss = maps(run.get("snapshots"));
            assertThat(fss).extracting(fs -> fs.get("filesystem")).containsExactly(x, y);
            assertThat(fss).extracting(fs -> fs.get("snapshot")).containsOnly(fss.get(0).get("snapshot"));
            runNames.add((String) fss.get(0).get("snapshot"));
        }
        assertThat(runs).hasSizeGreaterThanOrEqualTo(4);

        // zrepl's grid 1x1h keeps the oldest of the hour; protect_newest (default on) the snapshot just taken
        String firstRun = runNames.get(0);
        String lastRun = runNames.get(runNames.size() - 1);
        for (String fs : List.of(x, y)) {
            assertThat(names(onDisk.get(fs))).containsExactly(fs + "@" + firstRun, fs + "@" + lastRun);
        }
        for (String name : List.of(firstRun, lastRun)) {
            Snap sx = find(onDisk, x + "@" + name).orElseThrow();
            Snap sy = find(onDisk, y + "@" + name).orElseThrow();
            assertThat(sy.createTxg()).as("atomic: same txg for " + name).isEqualTo(sx.createTxg());
            Instant named = LocalDateTime.parse(name, DENSE).toInstant(ZoneOffset.UTC);
            assertThat(Duration.between(named, sx.creation()).abs()).isLessThanOrEqualTo(Duration.ofSeconds(2));
        }
        assertThat(onDisk.getOrDefault(outside, List.of())).isEmpty();

        // on this very data, the next pruning destroys nothing; zrepl (protect_newest ignored) would destroy the newest
        Cli safe = Cli.run("prune", "--config", config.toString(), "--job", "cronjob", "--dry-run");
        assertThat(safe.out()).as(safe.err()).contains("would destroy 0 of 4 snapshot(s) in 2 filesystem(s)");
        Cli exact = Cli.run("prune", "--config", config.toString(), "--job", "cronjob", "--dry-run",
                "--exact-zrepl", "--json");
        assertThat(exact.out()).contains("{\"snapshot\": \"" + x + "@" + lastRun + "\", \"action\": \"destroy\"")
                .contains("{\"snapshot\": \"" + y + "@" + lastRun + "\", \"action\": \"destroy\"");
    }

    /**
     * Issue 9 on real ZFS: the daemon's pruning is zrepl's exact grid, plus the snapshot just taken. A snapshot
     * every 5 s against {@code 1x10s | 2x10s}: after every run the pool holds exactly what zrepl's exact planner,
     * replayed over the same snapshots (their real creation times and txgs), holds, plus the newest. The old
     * keep-newest grid variant does not (its 10-second slots drift), which the test checks on the same data.
     */
    @Test
    void theGridIsZreplsExactGridPlusTheSnapshotJustTakenRunAfterRun(TestPool pool) throws Exception {
        String fs = pool.ds("grid");
        Sh.bash("zfs create " + fs);
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: gridjob
                    type: snap
                    filesystems: {"%s": true}
                    snapshotting:
                      type: cron
                      cron: "*/5 * * * * *"
                      prefix: zrepl_
                    pruning:
                      keep:
                        - {type: grid, grid: 1x10s | 2x10s, regex: "^zrepl_"}
                """.formatted(fs));

        // after each run: the pool's snapshots (one zfs list), and the name the run took
        List<List<PruneSnapshot>> states = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        try {
            Instant deadline = Instant.now().plus(RUNS_TIMEOUT);
            while (taken.size() < 9 && Instant.now().isBefore(deadline)) {
                for (Map<String, Object> run : daemon.awaitEvents(1, Duration.between(Instant.now(), deadline))) {
                    assertThat(run).containsEntry("ok", true);
                    taken.add((String) maps(run.get("snapshots")).get(0).get("snapshot"));
                    states.add(pruneSnapshots(listSnapshots(pool).getOrDefault(fs, List.of())));
                }
            }
        } finally {
            daemon.stop();
        }
        assertThat(taken).hasSizeGreaterThanOrEqualTo(9);

        // every snapshot is seen at least once: the newest always survives its own run (a listing may also catch
        // the next run's snapshot before that run prunes; it is then seen again, pruned, in the next state)
        Map<String, PruneSnapshot> seen = new LinkedHashMap<>();
        states.forEach(st -> st.forEach(snap -> seen.putIfAbsent(snap.name(), snap)));
        PrunePlanner zrepl = PrunePlanner.of(PruneSide.LOCAL, List.of(new GridRule(
                RetentionGrid.parse("1x10s | 2x10s"), GoRegex.compile("^zrepl_"))));
        List<PruneSnapshot> zreplAlive = new ArrayList<>();
        List<PruneSnapshot> oldVariantAlive = new ArrayList<>();
        int compared = 0;
        int protectedRuns = 0;
        boolean oldVariantDiffered = false;
        for (int k = 0; k < taken.size(); k++) {
            PruneSnapshot newest = seen.get(taken.get(k));
            assertThat(newest).as("snapshot %s of run %d was listed", taken.get(k), k).isNotNull();
            zreplAlive.add(newest);
            zreplAlive = new ArrayList<>(zrepl.plan(zreplAlive).toKeep());
            // the old variant: the grid plus its newest, fed back into the next run
            oldVariantAlive.add(newest);
            Set<PruneSnapshot> old = new LinkedHashSet<>(zrepl.plan(oldVariantAlive).toKeep());
            old.add(newest);
            oldVariantAlive = new ArrayList<>(old);
            List<PruneSnapshot> onDisk = states.get(k);
            boolean raced = onDisk.stream().anyMatch(snap -> snap.createTxg() > newest.createTxg());
            if (raced) {
                continue;
            }
            compared++;
            Set<String> expected = new java.util.TreeSet<>(pruneNames(zreplAlive));
            expected.add(newest.name());
            assertThat(new java.util.TreeSet<>(pruneNames(onDisk))).as("after run %d (%s)", k, newest.name())
                    .isEqualTo(expected);
            protectedRuns += zreplAlive.contains(newest) ? 0 : 1;
            oldVariantDiffered |= !new java.util.TreeSet<>(pruneNames(oldVariantAlive)).equals(expected);
        }
        assertThat(compared).as("runs whose listing did not race the next run").isGreaterThanOrEqualTo(5);
        assertThat(protectedRuns).as("runs where zrepl would have destroyed the snapshot just taken").isPositive();
        assertThat(oldVariantDiffered).as("the old keep-newest variant keeps other snapshots here").isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private static List<PruneSnapshot> pruneSnapshots(List<Snap> snaps) {
        return snaps.stream().map(sn -> PruneSnapshot.of(sn.name(), sn.creation(), sn.createTxg())).toList();
    }

    private static List<String> pruneNames(List<PruneSnapshot> snaps) {
        return snaps.stream().map(PruneSnapshot::name).toList();
    }

    record Snap(String filesystem, String name, long createTxg, Instant creation) {
        String fullName() {
            return filesystem + "@" + name;
        }
    }

    /** All snapshots of the pool by filesystem, oldest first: one zfs list. */
    private static Map<String, List<Snap>> listSnapshots(TestPool pool) {
        Map<String, List<Snap>> out = new LinkedHashMap<>();
        for (String line : pool.zfs("list", "-H", "-p", "-o", "name,createtxg,creation", "-t", "snapshot", "-r",
                "-s", "createtxg", pool.name()).lines()) {
            String[] f = line.split("\t");
            int at = f[0].indexOf('@');
            String fs = f[0].substring(0, at);
            out.computeIfAbsent(fs, k -> new ArrayList<>()).add(new Snap(fs, f[0].substring(at + 1),
                    Long.parseLong(f[1]), Instant.ofEpochSecond(Long.parseLong(f[2]))));
        }
        return out;
    }

    private static java.util.Optional<Snap> find(Map<String, List<Snap>> onDisk, String fullName) {
        int at = fullName.indexOf('@');
        return onDisk.getOrDefault(fullName.substring(0, at), List.of()).stream()
                .filter(s -> s.name().equals(fullName.substring(at + 1))).findFirst();
    }

    /** Full names ({@code fs@name}), oldest first. */
    private static List<String> names(List<Snap> snaps) {
        return snaps == null ? List.of() : snaps.stream().map(Snap::fullName).toList();
    }

    private Path script(String name, String body) throws IOException {
        return DaemonWorkDir.script(work, name, "/bin/bash", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    /** The CLI, in this JVM. */
    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            CommandLine cmd = ZreplCamelCli.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute(args);
            System.out.print(out);
            System.out.print(err);
            return new Cli(exit, out.toString(), err.toString());
        }
    }
}
