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
 * {@code zrepl-camel demo}: replication on two throw-away pools. Creates a source pool and a backup pool on sparse
 * files, writes a zrepl.yml with a push job (short snapshot interval, hooks, pruning of both sides) and a sink job on
 * the backup pool, connected by the {@code local} transport, runs the real daemon for a while, shows the snapshots
 * on both pools afterwards, checks that the received ones have the sender's guids, and destroys the pools. Needs
 * root and OpenZFS; the {@code ./zrepl-camel} launcher runs it inside the QEMU guest of {@code platformtest/} when the
 * host has no ZFS.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a push job and a sink job (local transport) on two throw-away file-backed pools (the "
                + "launcher uses a QEMU guest when the host has no ZFS) and show what they did.")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // long enough for more than KEEP invocations under emulation (one takes ~20 s there), so both sides prune
    @Option(names = "--seconds", defaultValue = "90", description = "How long the daemon runs (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--interval", defaultValue = "10s", description = "Snapshot interval (zrepl syntax; default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--workdir", description = "Where the pool's file and the config go (default: a new temp dir).")
    Path workdir;

    /** The first word of the demo's last line: {@code zrepl-camel demo: OK ...} or {@code zrepl-camel demo: FAILED ...}. */
    static final String RESULT_PREFIX = "zrepl-camel demo: ";
    static final int KEEP = 3;
    /** The push job's client_identity: the sink receives into {@code <backup>/sink/<identity>/<sender path>}. */
    static final String IDENTITY = "demo";

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
        String backup = pool + "b";
        Path vdev = dir.resolve(pool + ".img");
        Path backupVdev = dir.resolve(backup + ".img");
        Zfs zfs = Zfs.withDefaults();
        for (Path file : List.of(vdev, backupVdev)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(256L << 20);
            }
        }
        String verdict;
        run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("create", "-O", "mountpoint=none", pool, vdev.toString()));
        try {
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("create", "-O", "mountpoint=none", backup,
                    backupVdev.toString()));
            try {
                verdict = runDemo(zfs, out, err, dir, pool, backup);
            } finally {
                run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("destroy", "-f", backup));
                Files.deleteIfExists(backupVdev);
            }
        } catch (Exception e) {
            verdict = "FAILED: " + e;
        } finally {
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("destroy", "-f", pool));
            Files.deleteIfExists(vdev);
        }
        out.println(RESULT_PREFIX + verdict + "; pools " + pool + " and " + backup + " destroyed");
        out.flush();
        return verdict.startsWith("OK") ? ZreplCamelCli.EXIT_OK : ZreplCamelCli.EXIT_FAILURE;
    }

    /** Sets up the pool, runs the daemon, shows and checks what it did; returns "OK: ..." or "FAILED: ...". */
    private String runDemo(Zfs zfs, PrintWriter out, PrintWriter err, Path dir, String pool, String backup)
            throws Exception {
        for (String ds : new String[] {pool + "/app", pool + "/app/db", pool + "/scratch", backup + "/sink"}) {
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
        Files.writeString(config, demoConfig(pool, backup, interval, hook));
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
                + ", each run replicated to " + backup + "/sink/" + IDENTITY + ", keep the " + KEEP
                + " newest zrepl_ snapshots on both sides)");
        out.flush();
        new ZreplDaemon(null, loaded, Map.of("tickMillis", "500")).withMaxDurationSeconds(seconds).run();
        out.println("== hooks ran (" + hookLog + "):");
        List<String> hookLines = Files.exists(hookLog) ? Files.readAllLines(hookLog) : List.of();
        hookLines.forEach(l -> out.println("  " + l));
        Map<String, String> guids = new java.util.LinkedHashMap<>();
        for (String p : List.of(pool, backup)) {
            out.println("== snapshots on " + p + " now (name, guid, creation):");
            CommandResult list = run(zfs, null, io.zreplcamel.zfs.cmd.Command.zfs("list", "-H", "-p", "-t", "snapshot",
                    "-o", "name,guid,creation", "-s", "createtxg", "-r", p));
            for (String l : list.stdoutLines()) {
                String[] f = l.split("\t");
                guids.put(f[0], f[1]);
                out.println("  " + String.join("  ", f));
            }
        }
        out.println("== " + pool + "/scratch is not in the filter, so it has no snapshots; " + pool
                + "/app@before-zrepl is kept by the regex-negate rule (and not replicated: a first replication sends only the"
                + " newest snapshot, conflict_resolution.initial_replication: most_recent).");
        List<String> sent = guids.keySet().stream().filter(n -> n.startsWith(pool + "/")).toList();
        String source = check(pool, sent, hookLines);
        if (!source.startsWith("OK")) {
            return source;
        }
        String replication = checkReplication(pool, backup + "/sink/" + IDENTITY, guids);
        return replication.startsWith("FAILED") ? replication : source + "; " + replication;
    }

    /**
     * What the sink must have: each replicated filesystem below {@code clientRoot} with at least one and at most
     * {@value #KEEP} (+1 if the daemon stopped between receive and pruning) {@code zrepl_} snapshots, each with the
     * guid of the sender's snapshot of the same name (the same snapshot, not a copy), and the newest sent snapshot
     * among them unless the daemon stopped during its replication.
     *
     * @param guids full snapshot name → guid, both pools
     */
    static String checkReplication(String pool, String clientRoot, Map<String, String> guids) {
        int matched = 0;
        for (String fs : List.of(pool + "/app", pool + "/app/db")) {
            String received = clientRoot + "/" + fs;
            List<String> got = guids.keySet().stream().filter(n -> n.startsWith(received + "@zrepl_")).toList();
            if (got.isEmpty()) {
                return "FAILED: nothing was replicated to " + received;
            }
            if (got.size() > KEEP + 1) {
                return "FAILED: " + received + " has " + got.size() + " zrepl_ snapshots, keep_receiver keeps " + KEEP;
            }
            for (String r : got) {
                String sentName = fs + r.substring(received.length());
                String sentGuid = guids.get(sentName);
                if (sentGuid != null) {
                    if (!sentGuid.equals(guids.get(r))) {
                        return "FAILED: " + r + " has guid " + guids.get(r) + " but " + sentName + " has " + sentGuid;
                    }
                    matched++;
                }
            }
        }
        if (matched == 0) {
            return "FAILED: no snapshot on the sink is still on the sender: nothing to compare guids with";
        }
        return matched + " snapshots on the sink with the sender's guids";
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

    /** The demo's zrepl.yml; its control socket is next to the hook, in the demo's directory. */
    static String demoConfig(String pool, String backup, String interval, Path hook) {
        return """
                global:
                  control:
                    sockpath: "%6$s"
                jobs:
                  - name: demo
                    type: push
                    connect:
                      type: local
                      listener_name: backup
                      client_identity: %5$s
                    filesystems:
                      "%1$s/app<": true
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: %3$s
                      hooks:
                        - type: command
                          path: %4$s
                    pruning:
                      keep_sender:
                        - type: not_replicated
                        - type: last_n
                          count: 3
                          regex: "^zrepl_"
                        - type: regex
                          negate: true
                          regex: "^zrepl_"
                      keep_receiver:
                        - type: last_n
                          count: 3
                          regex: "^zrepl_"
                  - name: backup
                    type: sink
                    root_fs: %2$s/sink
                    serve:
                      type: local
                      listener_name: backup
                    recv:
                      placeholder:
                        encryption: inherit
                """.formatted(pool, backup, interval, hook, IDENTITY,
                hook.toAbsolutePath().resolveSibling("control").resolve("zrepl-camel.sock"));
    }

    private static CommandResult run(Zfs zfs, PrintWriter out, io.zreplcamel.zfs.cmd.Command cmd) throws IOException {
        if (out != null) {
            out.println("$ " + String.join(" ", cmd.argv(cmd.tool().name().toLowerCase(java.util.Locale.ROOT))));
            out.flush();
        }
        return zfs.runner().run(cmd);
    }
}
