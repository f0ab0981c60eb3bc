package io.zreplcamel.platformtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
import io.zreplcamel.processors.job.LocalDatasets;
import io.zreplcamel.processors.job.SnapJobPruning;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.Tool;
import io.zreplcamel.zfs.component.ZfsComponent;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.model.DestroyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: a snap job's pruning of 10,000 snapshots (100 filesystems × 100 snapshots, keep the
 * newest of each: 9,900 to destroy), through the daemon's own steps: {@link SnapJobPruning} lists and plans, the
 * {@code zfs:destroy} endpoint destroys (batched per filesystem). Prints the number of zfs processes (from the
 * layer's process counter) and wall times, against a naive one-{@code zfs destroy}-per-snapshot baseline.
 *
 * <p>The baseline is measured in the same run on the same pool, but on 200 snapshots (two more per filesystem)
 * and extrapolated: 9,900 single destroys would take most of an hour under emulation.
 *
 * <p>Creating the snapshots: ZFS takes one snapshot per filesystem per {@code zfs snapshot} call, so the cheapest
 * real way to 10,000 is one call per round naming all 100 filesystems (100 calls, each atomic).
 *
 * <p>Runs only when asked: {@code platformtest/run --filter PruneBenchmark} (or {@code -Dzpt.bench=true});
 * otherwise it is reported as skipped. The table also goes to {@code <results>/bench/prune.txt}.
 */
@PlatformTest
@Tag("bench")
class PruneBenchmarkTest {

    static final int FILESYSTEMS = 100;
    static final int SNAPSHOTS_PER_FILESYSTEM = 100;
    static final int NAIVE_PER_FILESYSTEM = 2;
    static final int ROUNDS_PER_CHUNK = 20;

    @Test
    void pruneTenThousandSnapshotsBatchedVersusOneProcessEach(TestPools pools) throws Exception {
        Assumptions.assumeTrue(requested(), "benchmark not requested (platformtest/run --filter PruneBenchmark)");
        TestPool pool = pools.create("", 1, 2L << 30);
        String parent = pool.ds("bench");
        // mountpoint=none (inherited): 100 mounts would only cost time
        Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "zfs create -o mountpoint=none " + parent
                + " && for i in $(seq -w 0 " + (FILESYSTEMS - 1) + "); do zfs create " + parent + "/f$i; done"),
                null, Duration.ofMinutes(20)).check();
        long t0 = System.nanoTime();
        for (int from = 1; from <= SNAPSHOTS_PER_FILESYSTEM; from += ROUNDS_PER_CHUNK) {
            int to = Math.min(SNAPSHOTS_PER_FILESYSTEM, from + ROUNDS_PER_CHUNK - 1);
            snapshotRounds(parent, "zrepl_", String.format(Locale.ROOT, "$(seq -f %%03g %d %d)", from, to));
            System.out.printf(Locale.ROOT, "bench: %,d snapshots after %.0f s%n", to * FILESYSTEMS,
                    (System.nanoTime() - t0) / 1e9);
        }
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        snapshotRounds(parent, "naive_", "$(seq 1 " + NAIVE_PER_FILESYSTEM + ")");
        Path config = Files.writeString(Files.createTempFile(Files.createDirectories(TestPools.scratch()),
                "prune-bench-", ".yml"), """
                jobs:
                  - name: bench
                    type: snap
                    filesystems: {"%1$s<": true, "%1$s": false}
                    snapshotting: {type: manual}
                    pruning:
                      keep:
                        - {type: last_n, count: 1, regex: "^zrepl_"}
                        - {type: regex, regex: "^naive_"}
                """.formatted(parent));
        SnapJob job = (SnapJob) ConfigLoader.load(config).job("bench").orElseThrow();
        Files.delete(config);

        CamelContext ctx = new DefaultCamelContext();
        ZfsComponent component = new ZfsComponent();
        ctx.addComponent("zfs", component);
        ctx.start();
        List<String> table = new ArrayList<>();
        try {
            Zfs zfs = component.defaultZfs();
            zfs.features(); // detected once per binary; not part of either measurement

            // naive baseline: one zfs destroy per snapshot, on 200 snapshots of the same filesystems
            List<String> naive = new ArrayList<>();
            for (int f = 0; f < FILESYSTEMS; f++) {
                for (int s = 1; s <= NAIVE_PER_FILESYSTEM; s++) {
                    naive.add(String.format(Locale.ROOT, "%s/f%02d@naive_%d", parent, f, s));
                }
            }
            long naiveProcs = destroys(zfs);
            long n0 = System.nanoTime();
            for (String snapshot : naive) {
                zfs.destroy(snapshot, false);
            }
            double naiveSeconds = (System.nanoTime() - n0) / 1e9;
            naiveProcs = destroys(zfs) - naiveProcs;

            // the daemon's way: two zfs list, one plan, one zfs:destroy exchange
            long lists = zfs.runner().counter().count(Tool.ZFS, "list");
            long p0 = System.nanoTime();
            List<FilesystemPrunePlan> plans = new SnapJobPruning(job, new LocalDatasets(zfs)).plan();
            double planSeconds = (System.nanoTime() - p0) / 1e9;
            lists = zfs.runner().counter().count(Tool.ZFS, "list") - lists;
            List<String> toDestroy = SnapJobPruning.toDestroy(plans);
            int planned = plans.stream().mapToInt(p -> p.plan().decisions().size()).sum();

            long batchedProcs = destroys(zfs);
            long d0 = System.nanoTime();
            Exchange ex = ctx.createProducerTemplate().send("zfs:destroy?failOnDestroyError=false",
                    e -> e.getMessage().setHeader(ZfsConstants.SNAPSHOTS, toDestroy));
            double destroySeconds = (System.nanoTime() - d0) / 1e9;
            batchedProcs = destroys(zfs) - batchedProcs;
            assertThat(ex.getException()).isNull();
            DestroyResult result = ex.getMessage().getBody(DestroyResult.class);

            double perNaive = naiveSeconds / naive.size();
            double naiveExtrapolated = perNaive * toDestroy.size();
            table.add(String.format(Locale.ROOT, "prune %,d snapshots (%d filesystems x %d), keep the newest of each;"
                    + " created in %.1f s", planned, FILESYSTEMS, SNAPSHOTS_PER_FILESYSTEM, createSeconds));
            table.add(row("step", "snapshots", "zfs processes", "wall time"));
            table.add(row("list + plan (SnapJobPruning)", fmt(planned), fmt(lists), secs(planSeconds)));
            table.add(row("destroy, batched per filesystem", fmt(result.destroyed().size()), fmt(batchedProcs),
                    secs(destroySeconds)));
            table.add(row("total, daemon's way", fmt(toDestroy.size()), fmt(lists + batchedProcs),
                    secs(planSeconds + destroySeconds)));
            table.add(row("naive: zfs destroy per snapshot (measured)", fmt(naive.size()), fmt(naiveProcs),
                    secs(naiveSeconds) + String.format(Locale.ROOT, " (%.3f s each)", perNaive)));
            table.add(row("naive, extrapolated to " + fmt(toDestroy.size()), fmt(toDestroy.size()),
                    fmt(toDestroy.size()), "~" + secs(naiveExtrapolated)));
            table.add(String.format(Locale.ROOT, "daemon's way vs naive (extrapolated): %.0fx fewer zfs processes,"
                    + " %.1fx less wall time", (double) toDestroy.size() / (lists + batchedProcs),
                    naiveExtrapolated / (planSeconds + destroySeconds)));

            assertThat(result.failed()).isEmpty();
            assertThat(toDestroy).hasSize(FILESYSTEMS * (SNAPSHOTS_PER_FILESYSTEM - 1));
            assertThat(naiveProcs).isEqualTo(naive.size());
            assertThat(batchedProcs).as("one zfs destroy per filesystem").isEqualTo(FILESYSTEMS);
            assertThat(pool.zfs("list", "-H", "-o", "name", "-t", "snapshot", "-r", parent).lines())
                    .hasSize(FILESYSTEMS);
        } finally {
            ctx.close();
            table.forEach(l -> System.out.println("BENCH " + l));
            save(table);
        }
    }

    /**
     * One {@code zfs snapshot} per round, naming every filesystem under {@code parent}: {@code prefix + round} for
     * each round the shell expression {@code rounds} expands to. Under emulation ZFS needs tens of milliseconds
     * per snapshot, so each call gets a generous timeout instead of {@link Sh}'s default.
     */
    private static void snapshotRounds(String parent, String prefix, String rounds) {
        Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "fss=$(zfs list -H -o name -d 1 " + parent
                + " | grep /f); for s in " + rounds + "; do zfs snapshot $(for f in $fss; do echo $f@" + prefix
                + "$s; done); done"), null, Duration.ofMinutes(20)).check();
    }

    private static long destroys(Zfs zfs) {
        return zfs.runner().counter().count(Tool.ZFS, "destroy");
    }

    private static String row(String step, String snapshots, String processes, String time) {
        return String.format(Locale.ROOT, "| %-44s | %9s | %13s | %-26s |", step, snapshots, processes, time);
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    static boolean requested() {
        return BenchSelection.requested("PruneBenchmark");
    }

    private static void save(List<String> report) {
        String results = System.getenv("ZPT_RESULTS");
        Path dir = Path.of(results != null ? results : "/mnt/results", "bench");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("prune.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot save benchmark report: " + e.getMessage());
        }
    }
}
