package io.zreplcamel.platformtest.bench;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.replication.LocalReplicationRig;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmark, not a test: the replication engine (a push job and a sink job over the local transport, in-process,
 * {@link LocalReplicationRig#forBenchmark}) against raw {@code zfs send | zfs recv} and against {@code syncoid}, all in one
 * guest run, each figure also as a ratio to the case's baseline measured in the same run. Cases (issue 10):
 * <ol>
 * <li>full send of {@code zpt.bench.fullMiB} (1024) MiB of incompressible data, compression=off;</li>
 * <li>an incremental of {@code zpt.bench.incMiB} (100) MiB;</li>
 * <li>catch-up of {@code zpt.bench.snapshots} (100) small snapshots on one filesystem (raw: one
 * {@code zfs send -I}; syncoid uses -I too);</li>
 * <li>a run in which nothing changed over {@code zpt.bench.n} (200) filesystems, against two bare scoped
 * {@code zfs list} calls; ours also over {@code zpt.bench.nLarge} (1000) filesystems; syncoid -r only at the
 * smaller N (it took 716 s at N = 200 under emulation), once.</li>
 * </ol>
 * Transfers run {@code zpt.bench.rounds} (3) rounds with the tool order rotated each round (cache effects hit all);
 * the table shows min and median. Every transfer is checked by comparing snapshot guids with the source.
 * {@code -Dzpt.bench.quick=true} makes the defaults 64 MiB / 10 MiB / 20 snapshots / N = 20 (and 50), 2 rounds;
 * {@code zpt.bench.cases} (e.g. {@code 1,4}) picks cases.
 *
 * <p>Counting zfs processes: ours from each side's process counter; syncoid's through a {@code zfs} wrapper script
 * first on syncoid's PATH that logs its arguments and execs the real zfs (a command naming the destination pool
 * counts for the receiver, any other for the sender); raw: one per side.
 *
 * <p>Runs only when asked: {@code platformtest/run --filter ReplicationBenchmark} or {@code --bench} (or
 * {@code -Dzpt.bench=true}). The table (markdown) goes to {@code <results>/bench/replication.md} and to stdout.
 */
@PlatformTest
@Tag("bench")
class ReplicationBenchmarkTest {

    static final long MIB = 1024 * 1024;
    static final boolean QUICK = Boolean.getBoolean("zpt.bench.quick");
    static final long FULL_MIB = Long.getLong("zpt.bench.fullMiB", QUICK ? 64 : 1024);
    static final long INC_MIB = Long.getLong("zpt.bench.incMiB", QUICK ? 10 : 100);
    static final int SNAPSHOTS = Integer.getInteger("zpt.bench.snapshots", QUICK ? 20 : 100);
    static final int N = Integer.getInteger("zpt.bench.n", QUICK ? 20 : 200);
    static final int N_LARGE = Integer.getInteger("zpt.bench.nLarge", QUICK ? 50 : 1000);
    static final int ROUNDS = Integer.getInteger("zpt.bench.rounds", QUICK ? 2 : 3);
    static final Set<String> CASES = new TreeSet<>(Arrays.asList(System.getProperty("zpt.bench.cases", "1,2,3,4")
            .split("\\s*,\\s*")));
    static final Duration LONG = Duration.ofHours(3);

    static final String OURS = "zrepl-camel (push->sink)";
    static final String RAW = "raw zfs send | zfs recv";
    static final String SYNCOID = "syncoid";

    private final List<String> rows = new ArrayList<>();
    private final List<String> goals = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Path zfsLog;
    private Path wrapperDir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void replicationVersusRawAndSyncoid(TestPools pools) throws Exception {
        Assumptions.assumeTrue(BenchSelection.requested("ReplicationBenchmark"),
                "benchmark not requested (platformtest/run --filter ReplicationBenchmark, or --bench)");
        started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        load0 = loadavg();
        installZfsWrapper();
        List<String> failures = new ArrayList<>();
        try {
            runCase("1", pools, failures, () -> full(pools));
            runCase("2", pools, failures, () -> incremental(pools));
            runCase("3", pools, failures, () -> catchUp(pools));
            runCase("4", pools, failures, () -> nothingChanged(pools, N, true));
            if (N_LARGE > 0) {
                runCase("4", pools, failures, () -> nothingChanged(pools, N_LARGE, false));
            }
        } finally {
            List<String> md = report(started, load0);
            md.forEach(l -> System.out.println("BENCH " + l));
            save(md);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("benchmark cases failed: " + failures);
        }
    }

    interface Case {
        void run() throws Exception;
    }

    private Instant started;
    private String load0;

    /**
     * Runs one case (if selected); its pools are destroyed afterwards, so each case starts on fresh pools. The table
     * so far is saved after each case: a run that times out later still leaves it.
     */
    private void runCase(String id, TestPools pools, List<String> failures, Case c) {
        if (!CASES.contains(id)) {
            return;
        }
        try {
            c.run();
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            failures.add("case " + id + ": " + t);
            notes.add("case " + id + " FAILED: " + t.toString().replace('\n', ' '));
        } finally {
            try {
                pools.close();
            } catch (RuntimeException e) {
                failures.add("case " + id + " cleanup: " + e);
            }
            save(report(started, load0));
        }
    }

    // ------------------------------------------------------------------------------------------------ case 1

    private void full(TestPools pools) throws Exception {
        TestPool src = pools.create("", 1, (FULL_MIB + 1024) * MIB * 2);
        TestPool dst = pools.create("", 1, (FULL_MIB + 1024) * MIB * 2);
        String fs = src.ds("full");
        src.zfs("create", "-o", "compression=off", "-o", "recordsize=128k", fs);
        ZfsSendBenchmarkTest.writeRandom(src.mountpoint("full").resolve("big.bin"), FULL_MIB * MIB, 7);
        src.zfs("snapshot", fs + "@full");
        String guid = guid(fs + "@full");
        parents(dst);
        Series ours = new Series(OURS);
        Series raw = new Series(RAW);
        Series syn = new Series(SYNCOID);
        for (int r = 0; r < ROUNDS; r++) {
            for (String tool : order(r)) {
                switch (tool) {
                    case OURS -> {
                        try (LocalReplicationRig rig = LocalReplicationRig.forBenchmark(src, dst, "\"<src>/full\": true")) {
                            ours.measureRig(rig, rig::invokeSuccessfully);
                            expectGuid(rig.received("full") + "@full", guid);
                            destroyWithHolds(rig.received("full"));
                        }
                    }
                    case RAW -> {
                        raw.measure(() -> bash("zfs send " + fs + "@full | zfs recv -u " + dst.ds("raw/full")), 1, 1);
                        expectGuid(dst.ds("raw/full@full"), guid);
                        destroyWithHolds(dst.ds("raw/full"));
                    }
                    default -> {
                        syn.measureSyncoid(dst, fs, dst.ds("syn/full"));
                        expectGuid(dst.ds("syn/full@full"), guid);
                        destroyWithHolds(dst.ds("syn/full"));
                    }
                }
            }
        }
        String name = String.format(Locale.ROOT, "1. full send, %s incompressible", size(FULL_MIB));
        table(name, raw, FULL_MIB, ours, raw, syn);
        goal(String.format(Locale.ROOT, "full send: ours >= 0.95 x raw throughput (median): %.3f", raw.median()
                / (double) ours.median()), raw.median() / (double) ours.median() >= 0.95);
    }

    // ------------------------------------------------------------------------------------------------ case 2

    private void incremental(TestPools pools) throws Exception {
        TestPool src = pools.create("", 1, (INC_MIB * (ROUNDS + 1) + 1024) * MIB * 2);
        TestPool dst = pools.create("", 1, (INC_MIB * (ROUNDS + 1) + 1024) * MIB * 2);
        String fs = src.ds("inc");
        src.zfs("create", "-o", "compression=off", "-o", "recordsize=128k", fs);
        Path file = src.mountpoint("inc").resolve("inc.bin");
        ZfsSendBenchmarkTest.writeRandom(file, MIB, 100);
        src.zfs("snapshot", fs + "@i0");
        parents(dst);
        Series ours = new Series(OURS);
        Series raw = new Series(RAW);
        Series syn = new Series(SYNCOID);
        try (LocalReplicationRig rig = LocalReplicationRig.forBenchmark(src, dst, "\"<src>/inc\": true")) {
            // the base, not measured
            rig.invokeSuccessfully();
            bash("zfs send " + fs + "@i0 | zfs recv -u " + dst.ds("raw/inc"));
            syncoid(dst, fs, dst.ds("syn/inc"));
            for (int r = 0; r < ROUNDS; r++) {
                ZfsSendBenchmarkTest.writeRandom(file, INC_MIB * MIB, 101 + r);
                String from = fs + "@i" + r;
                String to = fs + "@i" + (r + 1);
                src.zfs("snapshot", to);
                String guid = guid(to);
                String snap = "@i" + (r + 1);
                for (String tool : order(r)) {
                    switch (tool) {
                        case OURS -> {
                            ours.measureRig(rig, rig::invokeSuccessfully);
                            expectGuid(rig.received("inc") + snap, guid);
                        }
                        case RAW -> {
                            raw.measure(() -> bash("zfs send -i " + from + " " + to + " | zfs recv -u "
                                    + dst.ds("raw/inc")), 1, 1);
                            expectGuid(dst.ds("raw/inc") + snap, guid);
                        }
                        default -> {
                            syn.measureSyncoid(dst, fs, dst.ds("syn/inc"));
                            expectGuid(dst.ds("syn/inc") + snap, guid);
                        }
                    }
                }
            }
        }
        table(String.format(Locale.ROOT, "2. incremental, %s incompressible", size(INC_MIB)), raw, INC_MIB, ours,
                raw, syn);
        goal(String.format(Locale.ROOT, "incremental: ours >= 0.95 x raw throughput (median): %.3f", raw.median()
                / (double) ours.median()), raw.median() / (double) ours.median() >= 0.95);
    }

    // ------------------------------------------------------------------------------------------------ case 3

    private void catchUp(TestPools pools) throws Exception {
        TestPool src = pools.create("", 1, 2L << 30);
        TestPool dst = pools.create("", 1, 2L << 30);
        String fs = src.ds("catch");
        src.zfs("create", fs);
        Path dir = src.mountpoint("catch");
        src.zfs("snapshot", fs + "@c0000");
        parents(dst);
        Series ours = new Series(OURS);
        Series raw = new Series(RAW);
        Series syn = new Series(SYNCOID);
        try (LocalReplicationRig rig = LocalReplicationRig.forBenchmark(src, dst, "\"<src>/catch\": true")) {
            rig.invokeSuccessfully();
            bash("zfs send " + fs + "@c0000 | zfs recv -u " + dst.ds("raw/catch"));
            syncoid(dst, fs, dst.ds("syn/catch"));
            for (int r = 0; r < ROUNDS; r++) {
                int first = r * SNAPSHOTS + 1;
                int last = (r + 1) * SNAPSHOTS;
                // small snapshots: 4 KiB written before each
                Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "for i in $(seq -f %04g " + first + " " + last
                        + "); do head -c 4096 /dev/urandom > " + dir + "/f$i; zfs snapshot " + fs + "@c$i; done"),
                        null, LONG).check();
                String from = String.format(Locale.ROOT, "%s@c%04d", fs, first - 1);
                String to = String.format(Locale.ROOT, "%s@c%04d", fs, last);
                String snap = to.substring(to.indexOf('@'));
                String guid = guid(to);
                int expected = last + 1;
                for (String tool : order(r)) {
                    switch (tool) {
                        case OURS -> {
                            ours.measureRig(rig, rig::invokeSuccessfully);
                            expectGuid(rig.received("catch") + snap, guid);
                            expectSnapshots(rig.received("catch"), expected);
                        }
                        case RAW -> {
                            raw.measure(() -> bash("zfs send -I " + from + " " + to + " | zfs recv -u "
                                    + dst.ds("raw/catch")), 1, 1);
                            expectGuid(dst.ds("raw/catch") + snap, guid);
                            expectSnapshots(dst.ds("raw/catch"), expected);
                        }
                        default -> {
                            syn.measureSyncoid(dst, fs, dst.ds("syn/catch"));
                            expectGuid(dst.ds("syn/catch") + snap, guid);
                            expectSnapshots(dst.ds("syn/catch"), expected);
                        }
                    }
                }
            }
        }
        table(String.format(Locale.ROOT, "3. catch-up of %d small snapshots", SNAPSHOTS), raw, 0, ours, raw, syn);
        goal(String.format(Locale.ROOT, "catch-up: ours no slower than syncoid (median ours / syncoid): %.3f",
                ours.median() / (double) syn.median()), ours.median() <= syn.median());
    }

    // ------------------------------------------------------------------------------------------------ case 4

    private void nothingChanged(TestPools pools, int n, boolean withSyncoid) throws Exception {
        TestPool src = pools.create("", 1, 2L << 30);
        TestPool dst = pools.create("", 1, 2L << 30);
        String root = src.ds("nc");
        long t0 = System.nanoTime();
        Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "zfs create -o mountpoint=none " + root
                + " && for i in $(seq -f %04g 1 " + n + "); do zfs create " + root + "/f$i; done && zfs snapshot -r "
                + root + "@s1"), null, LONG).check();
        double created = (System.nanoTime() - t0) / 1e9;
        parents(dst);
        Series base = new Series("baseline: 2 bare zfs list (sender)");
        Series second = new Series(OURS + ", 2nd run");
        Series third = new Series(OURS + ", 3rd+ runs");
        Series syn = new Series(SYNCOID + " -r");
        try (LocalReplicationRig rig = LocalReplicationRig.forBenchmark(src, dst, "\"<src>/nc<\": true")) {
            // seed the receiver with one replication stream (n initial steps would take long under emulation)
            long s0 = System.nanoTime();
            dst.zfs("create", "-p", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none",
                    dst.ds("sink/" + LocalReplicationRig.CLIENT + "/" + src.name()));
            Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "zfs send -R " + root + "@s1 | zfs recv -u "
                    + rig.received("nc")), null, LONG).check();
            if (withSyncoid) {
                Sh.exec(List.of("bash", "-euo", "pipefail", "-c", "zfs send -R " + root + "@s1 | zfs recv -u "
                        + dst.ds("syn/nc")), null, LONG).check();
            }
            cursors(src, root);
            double seeded = (System.nanoTime() - s0) / 1e9;
            Series first = new Series(OURS + ", 1st run after seeding");
            first.measureRig(rig, rig::invokeSuccessfully);
            Thread.sleep(1100); // snapshots_changed has one-second resolution
            second.measureRig(rig, rig::invokeSuccessfully);
            for (int r = 0; r < ROUNDS; r++) {
                if (r % 2 == 0) {
                    baseline(base, root);
                    third.measureRig(rig, rig::invokeSuccessfully);
                } else {
                    third.measureRig(rig, rig::invokeSuccessfully);
                    baseline(base, root);
                }
            }
            expectGuid(rig.received("nc/f" + String.format(Locale.ROOT, "%04d", n)) + "@s1",
                    guid(root + "/f" + String.format(Locale.ROOT, "%04d", n) + "@s1"));
            notes.add(String.format(Locale.ROOT, "case 4, N = %d: %d filesystems created in %.1f s, receiver(s) "
                    + "seeded with zfs send -R in %.1f s; ours' first run after seeding (not in the table): %s, "
                    + "zfs processes %s", n, n + 1, created, seeded, secs(first.min()), first.processes()));
            if (withSyncoid) {
                syn.measureSyncoid(dst, root, dst.ds("syn/nc"), "-r");
            }
        }
        String name = String.format(Locale.ROOT, "4. nothing changed, N = %d filesystems", n);
        if (withSyncoid) {
            table(name, base, 0, base, second, third, syn);
        } else {
            table(name, base, 0, base, second, third);
        }
        goal(String.format(Locale.ROOT, "nothing changed, N = %d: <= 4 zfs processes per side: 2nd run %s, 3rd+ %s",
                n, second.processes(), third.processes()), second.maxSide() <= 4 && third.maxSide() <= 4);
        goal(String.format(Locale.ROOT, "nothing changed, N = %d: wall <= 2 x the two bare listings (median): "
                + "2nd run %.2f, 3rd+ %.2f", n, second.median() / (double) base.median(), third.median()
                / (double) base.median()), third.median() <= 2 * base.median());
    }

    /**
     * The replication cursors the engine would have left after replicating {@code root@s1} (zrepl's names:
     * {@code #zrepl_CURSOR_G_<guid>_J_<job>}), made in one channel program: {@code zfs bookmark} takes one
     * bookmark per call, and n calls would cost minutes under emulation. Without cursors, the receiver seeded by
     * {@code zfs send -R} is up to date, so no step runs and no cursor is ever made: pruning reports every
     * filesystem as "not pruned: replication cursor bookmark does not exist", which is not the steady state.
     */
    private static void cursors(TestPool src, String root) throws IOException {
        StringBuilder lua = new StringBuilder("local todo = {\n");
        for (String line : Sh.run("zfs", "list", "-H", "-p", "-o", "name,guid", "-t", "snapshot", "-r", root)
                .lines()) {
            String[] f = line.split("\t");
            if (f.length < 2) {
                continue;
            }
            String fs = f[0].substring(0, f[0].indexOf('@'));
            String cursor = fs + "#zrepl_CURSOR_G_" + String.format(Locale.ROOT, "%016x", Long.parseUnsignedLong(f[1]))
                    + "_J_" + LocalReplicationRig.PUSH;
            lua.append("  {\"").append(f[0]).append("\", \"").append(cursor).append("\"},\n");
        }
        lua.append("}\nfor _, p in ipairs(todo) do\n  local err = zfs.sync.bookmark(p[1], p[2])\n"
                + "  if err ~= 0 then error(\"bookmark \" .. p[2] .. \": \" .. err) end\nend\n");
        Path script = Files.createTempFile(TestPools.scratch(), "cursors-", ".lua");
        Files.writeString(script, lua);
        Sh.exec(List.of("zfs", "program", "-t", "100000000", "-m", "100000000", src.name(), script.toString()), null,
                LONG).check();
        Files.delete(script);
    }

    private static void baseline(Series base, String root) {
        base.measure(() -> {
            Sh.run("zfs", "list", "-H", "-r", "-t", "filesystem", "-o", "name,snapshots_changed", root);
            Sh.run("zfs", "list", "-H", "-r", "-t", "snapshot", "-o", "name,guid", root);
        }, 2, 0);
    }

    // ------------------------------------------------------------------------------------------------ measuring

    /** One tool's measurements in one case: wall times and zfs processes per side of each run. */
    final class Series {
        final String tool;
        final List<Long> nanos = new ArrayList<>();
        final List<long[]> procs = new ArrayList<>();

        Series(String tool) {
            this.tool = tool;
        }

        void measure(Runnable r, long senderProcs, long receiverProcs) {
            long t0 = System.nanoTime();
            r.run();
            nanos.add(System.nanoTime() - t0);
            procs.add(new long[] {senderProcs, receiverProcs});
        }

        void measureRig(LocalReplicationRig rig, Runnable r) {
            long s0 = rig.senderProcesses();
            long r0 = rig.receiverProcesses();
            long t0 = System.nanoTime();
            r.run();
            nanos.add(System.nanoTime() - t0);
            procs.add(new long[] {rig.senderProcesses() - s0, rig.receiverProcesses() - r0});
        }

        void measureSyncoid(TestPool dst, String source, String target, String... extra) {
            long t0 = System.nanoTime();
            long[] counts = syncoid(dst, source, target, extra);
            nanos.add(System.nanoTime() - t0);
            procs.add(counts);
        }

        long min() {
            return Collections.min(nanos);
        }

        long median() {
            List<Long> s = new ArrayList<>(nanos);
            Collections.sort(s);
            int m = s.size() / 2;
            return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
        }

        long maxSide() {
            return procs.stream().mapToLong(p -> Math.max(p[0], p[1])).max().orElse(-1);
        }

        String processes() {
            Set<String> distinct = procs.stream().map(p -> p[0] < 0 ? "n/a" : p[0] + " / " + p[1])
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            return String.join(", ", distinct);
        }
    }

    /** Tool order of round r: rotated, so each tool goes first, second and third in turn. */
    private static List<String> order(int r) {
        List<String> tools = new ArrayList<>(List.of(OURS, RAW, SYNCOID));
        Collections.rotate(tools, -(r % tools.size()));
        return tools;
    }

    /**
     * Runs syncoid (local to local, no sync snapshot: it replicates the existing snapshots, as the other tools do)
     * with the logging zfs wrapper first on its PATH; returns its zfs processes {sender, receiver}.
     */
    private long[] syncoid(TestPool dst, String source, String target, String... extra) {
        try {
            Files.writeString(zfsLog, "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=" + wrapperDir + ":" + System.getenv("PATH"),
                "syncoid", "--no-privilege-elevation", "--no-sync-snap"));
        cmd.addAll(List.of(extra));
        cmd.add(source);
        cmd.add(target);
        Sh.Result r = Sh.exec(cmd, null, LONG).check();
        System.out.println(r.stdout() + r.stderr());
        List<String> lines;
        try {
            lines = Files.readAllLines(zfsLog);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (lines.isEmpty()) {
            return new long[] {-1, -1}; // the wrapper saw nothing: syncoid did not find zfs on its PATH
        }
        long receiver = lines.stream().filter(l -> l.contains(dst.name())).count();
        return new long[] {lines.size() - receiver, receiver};
    }

    private void installZfsWrapper() throws IOException {
        String real = Sh.run("sh", "-c", "command -v zfs").stdout().strip();
        wrapperDir = Files.createDirectories(TestPools.scratch().resolve("bench-zfs-wrapper"));
        zfsLog = wrapperDir.resolve("zfs.log");
        Path wrapper = wrapperDir.resolve("zfs");
        Files.writeString(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$*\" >>" + zfsLog + "\nexec " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Sh.Result bash(String script) {
        return Sh.exec(List.of("bash", "-euo", "pipefail", "-c", script), null, LONG).check();
    }

    private static void parents(TestPool dst) {
        dst.zfs("create", "-o", "mountpoint=none", dst.ds("raw"));
        dst.zfs("create", "-o", "mountpoint=none", dst.ds("syn"));
    }

    private static String guid(String snapshot) {
        return Sh.run("zfs", "get", "-H", "-p", "-o", "value", "guid", snapshot).stdout().strip();
    }

    private static void expectGuid(String snapshot, String guid) {
        String got = guid(snapshot);
        if (!got.equals(guid)) {
            throw new AssertionError(snapshot + ": guid " + got + ", expected the source's " + guid);
        }
    }

    private static void expectSnapshots(String fs, int expected) {
        long got = Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-d", "1", fs).lines().stream()
                .filter(l -> !l.isBlank()).count();
        if (got != expected) {
            throw new AssertionError(fs + ": " + got + " snapshots, expected " + expected);
        }
    }

    /** Destroys a received filesystem, releasing the holds (the sink's last-received hold) first. */
    private static void destroyWithHolds(String fs) {
        for (String snap : Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-r", fs).lines()) {
            if (snap.isBlank()) {
                continue;
            }
            for (String hold : Sh.run("zfs", "holds", "-H", snap).lines()) {
                String[] f = hold.split("\t");
                if (f.length >= 2) {
                    Sh.run("zfs", "release", f[1], snap);
                }
            }
        }
        Sh.run("zfs", "destroy", "-r", fs);
    }

    // ------------------------------------------------------------------------------------------------ report

    private void table(String name, Series baseline, long mib, Series... series) {
        for (Series s : series) {
            String tput = mib > 0 ? String.format(Locale.ROOT, "%.1f", mib / (s.median() / 1e9)) : "";
            rows.add(String.format(Locale.ROOT, "| %s | %s%s | %d | %s | %s | %.2f | %s | %s |", name, s.tool.replace("|", "\\|"),
                    s == baseline ? " *(baseline)*" : "", s.nanos.size(), secs(s.min()), secs(s.median()),
                    s.median() / (double) baseline.median(), tput, s.processes()));
        }
    }

    private void goal(String text, boolean met) {
        goals.add("- " + text + " — " + (met ? "**met**" : "**not met**"));
    }

    private List<String> report(Instant started, String load0) {
        List<String> md = new ArrayList<>();
        String zfsVersion = Sh.exec("zfs", "version").stdout().strip().replace('\n', ' ');
        String syncoidVersion = Sh.exec("dpkg-query", "-W", "-f", "${Version}", "sanoid").stdout().strip();
        String cpu = Sh.exec("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").stdout().strip();
        md.add("## Replication benchmark" + (QUICK ? " (QUICK MODE)" : ""));
        md.add("");
        md.add(String.format(Locale.ROOT, "Started %s, finished %s (UTC). %s; sanoid/syncoid %s; %s CPUs (%s); "
                + "guest load average at start %s, at end %s.", started,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), zfsVersion, syncoidVersion,
                Runtime.getRuntime().availableProcessors(), cpu, load0, loadavg()));
        md.add(String.format(Locale.ROOT, "Sizes: full %s, incremental %s, catch-up %d snapshots, nothing-changed "
                + "N = %d (syncoid too) and N = %d (ours only); %d rounds per transfer, tool order rotated.",
                size(FULL_MIB), size(INC_MIB), SNAPSHOTS, N, N_LARGE, ROUNDS));
        md.add("");
        md.add("| case | tool | runs | min | median | median ÷ baseline median | MiB/s (median) "
                + "| zfs processes sender / receiver |");
        md.add("|---|---|---:|---:|---:|---:|---:|---|");
        md.addAll(rows);
        md.add("");
        md.add("Goals (reported, not asserted):");
        md.add("");
        md.addAll(goals);
        if (!notes.isEmpty()) {
            md.add("");
            notes.forEach(n -> md.add("- " + n));
        }
        return md;
    }

    private static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String size(long mib) {
        return mib >= 1024 && mib % 1024 == 0 ? (mib / 1024) + " GiB" : mib + " MiB";
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static void save(List<String> md) {
        String results = System.getenv("ZPT_RESULTS");
        Path dir = Path.of(results != null ? results : "/mnt/results", "bench");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("replication.md"), md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot save benchmark report: " + e.getMessage());
        }
    }
}
