package io.zreplcamel.app.cli;

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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (VersionCommand.openZfsVersion().isEmpty()) {
            err.println("zrepl-camel demo: no zfs command on this machine. Run it through the ./zrepl-camel launcher, "
                    + "which starts it inside the QEMU guest of platformtest/ when the host has no ZFS.");
            return ZreplCamelCli.EXIT_FAILURE;
        }
        Path dir = workdir != null ? Files.createDirectories(workdir) : Files.createTempDirectory("zrepl-camel-demo");
        String pool = "zreplcameldemo" + ProcessHandle.current().pid();
        Path vdev = dir.resolve(pool + ".img");
        Zfs zfs = Zfs.withDefaults();
        try (RandomAccessFile f = new RandomAccessFile(vdev.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("create", "-O", "mountpoint=none", pool, vdev.toString()));
        try {
            for (String ds : new String[] {pool + "/app", pool + "/app/db", pool + "/scratch"}) {
                run(zfs, out, io.zreplcamel.zfs.cmd.Command.zfs("create", ds));
            }
            // A snapshot zrepl did not take: pruning must leave it alone (regex negate rule).
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zfs("snapshot", pool + "/app@before-zrepl"));
            Path hookLog = dir.resolve("hook.log");
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
                loaded = ConfigLoader.load(config);
            } catch (ConfigException e) {
                ConfigcheckCommand.printErrors(err, e.errors());
                return ZreplCamelCli.EXIT_FAILURE;
            }
            out.println("== running the daemon for " + seconds + " s (snapshots every " + interval
                    + ", keep the 3 newest zrepl_ snapshots)");
            out.flush();
            new ZreplDaemon(null, loaded, Map.of("tickMillis", "500")).withMaxDurationSeconds(seconds).run();
            out.println("== hooks ran (" + hookLog + "):");
            if (Files.exists(hookLog)) {
                Files.readAllLines(hookLog).forEach(l -> out.println("  " + l));
            }
            out.println("== snapshots now:");
            CommandResult list = run(zfs, null, io.zreplcamel.zfs.cmd.Command.zfs("list", "-H", "-t", "snapshot", "-o", "name,creation",
                    "-s", "createtxg", "-r", pool));
            list.stdoutLines().forEach(l -> out.println("  " + l));
            out.println("== " + pool + "/scratch is not in the filter, so it has no snapshots; " + pool
                    + "/app@before-zrepl is kept by the regex-negate rule.");
            return ZreplCamelCli.EXIT_OK;
        } finally {
            run(zfs, out, io.zreplcamel.zfs.cmd.Command.zpool("destroy", "-f", pool));
            Files.deleteIfExists(vdev);
            out.flush();
        }
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
