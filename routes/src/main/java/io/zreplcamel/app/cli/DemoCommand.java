package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.app.daemon.ZreplDaemon;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.CommandResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel demo}: the main job on a throw-away pool. Creates a pool on a sparse file, writes a zrepl.yml
 * with a snap job (short interval, hooks, last_n pruning), runs the real daemon for a while, shows the snapshots
 * that exist afterwards, and destroys the pool. Needs root and OpenZFS; the {@code ./zrepl-camel} launcher runs it
 * inside the QEMU guest of {@code platformtest/} when the host has no ZFS.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a snap job on a throw-away file-backed pool (the launcher uses a QEMU guest when the host "
                + "has no ZFS) and show what it did.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "40", description = "How long the daemon runs (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--interval", defaultValue = "10s", description = "Snapshot interval (zrepl syntax; default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--workdir", description = "Where the pool's file and the config go (default: a new temp dir).")
    Path workdir;

    /** The first word of the demo's last line: {@code zrepl-camel demo: OK ...} or {@code zrepl-camel demo: FAILED ...}. */
    static final String RESULT_PREFIX = "zrepl-camel demo: ";
    static final int KEEP = 3;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (VersionCommand.openZfsVersion().isEmpty()) {
            err.println("zrepl-camel demo: no zfs command on this machine. Run it through the ./zrepl-camel launcher, "
                    + "which starts it inside the QEMU guest of platformtest/ when the host has no ZFS.");
            out.println(RESULT_PREFIX + "FAILED: no zfs command on this machine");
            return ZreplCamelCli.EXIT_FAILURE;
        }
        Path dir = workdir != null ? Files.createDirectories(workdir) : Files.createTempDirectory("zrepl-camel-demo");
        String pool = "zreplcameldemo" + ProcessHandle.current().pid();
        Path vdev = dir.resolve(pool + ".img");
        Zfs zfs = Zfs.withDefaults();
        try (RandomAccessFile f = new RandomAccessFile(vdev.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        String verdict;
        run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("create", "-O", "mountpoint=none", pool, vdev.toString()));
        try {
            verdict = runDemo(zfs, out, err, dir, pool);
        } catch (Exception e) {
            verdict = "FAILED: " + e;
        } finally {
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("destroy", "-f", pool));
            Files.deleteIfExists(vdev);
        }
        out.println(RESULT_PREFIX + verdict + "; pool " + pool + " destroyed");
        out.flush();
        return verdict.startsWith("OK") ? ZreplCamelCli.EXIT_OK : ZreplCamelCli.EXIT_FAILURE;
    }

    /** Sets up the pool, runs the daemon, shows and checks what it did; returns "OK: ..." or "FAILED: ...". */
    private String runDemo(Zfs zfs, PrintWriter out, PrintWriter err, Path dir, String pool) throws Exception {
        for (String ds : new String[] {pool + "/app", pool + "/app/db", pool + "/scratch"}) {
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zfs("create", ds));
        }
        // A snapshot zrepl did not take: pruning must leave it alone (regex negate rule).
        run(zfs, out, io.zreplcamel.zfs.cmd.Command.zfs("snapshot", pool + "/app@before-zrepl"));
        Path hookLog = dir.resolve("hook.log");
        Files.deleteIfExists(hookLog);
        Path hook = dir.resolve("hook.sh");
        Files.writeString(hook, "#!/bin/sh\necho \"$(date -u +%H:%M:%S) $ZREPL_HOOKTYPE $ZREPL_FS@$ZREPL_SNAPNAME\" >> "
                + hookLog + "\n");
        hook.toFile().setExecutable(true);
        Path config = dir.resolve("zrepl.yml");
        Files.writeString(config, demoConfig(pool, interval, hook));
        out.println("== config " + config);
        out.println(Files.readString(config));
        ZreplConfig loaded;
        try {
            loaded = ConfigLoader.load(config, Implemented.strict(false));
        } catch (ConfigException e) {
            ConfigcheckCommand.printErrors(err, e.errors());
            return "FAILED: the demo's config does not load";
        }
        out.println("== running the daemon for " + seconds + " s (snapshots every " + interval
                + ", keep the " + KEEP + " newest zrepl_ snapshots)");
        out.flush();
        new ZreplDaemon(null, loaded, Map.of("tickMillis", "500")).withMaxDurationSeconds(seconds).run();
        out.println("== hooks ran (" + hookLog + "):");
        List<String> hookLines = Files.exists(hookLog) ? Files.readAllLines(hookLog) : List.of();
        hookLines.forEach(l -> out.println("  " + l));
        out.println("== snapshots now:");
        CommandResult list = run(zfs, null, io.zreplcamel.zfs.cmd.Command.zfs("list", "-H", "-t", "snapshot", "-o",
                "name,creation", "-s", "createtxg", "-r", pool));
        List<String> snapshots = list.stdoutLines().stream().map(l -> l.split("\t", 2)[0]).toList();
        list.stdoutLines().forEach(l -> out.println("  " + l));
        out.println("== " + pool + "/scratch is not in the filter, so it has no snapshots; " + pool
                + "/app@before-zrepl is kept by the regex-negate rule.");
        return check(pool, snapshots, hookLines);
    }

    /**
     * What the demo must have done: every filtered filesystem snapshotted at each run and pruned to the
     * {@value #KEEP} newest {@code zrepl_} snapshots, the foreign snapshot kept, the unfiltered dataset untouched,
     * and the hook run before and after each snapshot.
     */
    static String check(String pool, List<String> snapshots, List<String> hookLines) {
        long runs = hookLines.stream().filter(l -> l.contains(" pre_snapshot " + pool + "/app@")).count();
        if (runs == 0) {
            return "FAILED: no snapshot run happened (the hook never ran for " + pool + "/app)";
        }
        long postHooks = hookLines.stream().filter(l -> l.contains(" post_snapshot ")).count();
        if (postHooks != 2 * runs) {
            return "FAILED: expected " + 2 * runs + " post_snapshot hook calls for " + runs + " runs, saw " + postHooks;
        }
        for (String fs : List.of(pool + "/app", pool + "/app/db")) {
            long kept = snapshots.stream().filter(n -> n.startsWith(fs + "@zrepl_")).count();
            long expected = Math.min(runs, KEEP);
            // the daemon may stop between a run's snapshot and its pruning: then one more is left
            if (kept < expected || kept > expected + 1) {
                return "FAILED: " + fs + " has " + kept + " zrepl_ snapshots after " + runs + " runs, expected "
                        + expected;
            }
        }
        if (!snapshots.contains(pool + "/app@before-zrepl")) {
            return "FAILED: " + pool + "/app@before-zrepl (not made by zrepl) was destroyed";
        }
        if (snapshots.stream().anyMatch(n -> n.startsWith(pool + "/scratch@"))) {
            return "FAILED: " + pool + "/scratch is not in the filter but has snapshots";
        }
        long left = snapshots.stream().filter(n -> n.contains("@zrepl_")).count();
        return "OK: " + runs + " snapshot runs on 2 filesystems, " + (2 * runs - left) + " snapshots pruned, " + left
                + " left, the foreign snapshot and the unfiltered dataset untouched";
    }

    static String demoConfig(String pool, String interval, Path hook) {
        return """
                jobs:
                  - name: demo
                    type: snap
                    filesystems:
                      "%1$s/app<": true
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: %2$s
                      hooks:
                        - type: command
                          path: %3$s
                    pruning:
                      keep:
                        - type: last_n
                          count: 3
                          regex: "^zrepl_"
                        - type: regex
                          negate: true
                          regex: "^zrepl_"
                """.formatted(pool, interval, hook);
    }

    private static CommandResult run(Zfs zfs, PrintWriter out, io.zreplcamel.zfs.cmd.Command cmd) throws IOException {
        if (out != null) {
            out.println("$ " + String.join(" ", cmd.argv(cmd.tool().name().toLowerCase(java.util.Locale.ROOT))));
            out.flush();
        }
        return zfs.runner().run(cmd);
    }
}
