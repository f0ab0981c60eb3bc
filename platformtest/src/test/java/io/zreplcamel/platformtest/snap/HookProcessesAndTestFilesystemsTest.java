package io.zreplcamel.platformtest.snap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Hooks and {@code test filesystems} on real OpenZFS, both going through the zfs layer's process runner: a snap
 * job whose hooks leave a background child behind or outlive their timeout with a child holding stdout open (the
 * daemon in this JVM, as in {@link SnapJobDaemonTest}), and {@code test filesystems} listing the real pool.
 */
@PlatformTest
class HookProcessesAndTestFilesystemsTest extends WithDaemonWorkDir {

    @Test
    void hookChildrenDoNotOutliveTheirHookAndATimedOutHookDoesNotStopTheSnapshot(TestPool pool) throws Exception {
        String a = pool.ds("a");
        String b = pool.ds("b");
        Sh.bash("zfs create " + a + " && zfs create " + b);
        Path pids = work.resolve("children.pids");
        Path ids = work.resolve("ids");
        // leaves a sleep behind, in its own process group/session (pid = pgid = sid is recorded)
        Path leaver = script("leaver.sh", "sleep 300 &\necho $! >> '" + pids + "'\n"
                + "echo \"$$ $(cut -d' ' -f5,6 /proc/$$/stat)\" >> '" + ids + "'\nexit 0");
        // outlives its 2 s timeout; its re-parented child holds stdout open
        Path slow = script("slow.sh", "( sleep 300 & echo $! >> '" + pids + "' )\necho waiting\nsleep 300");
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: hookjob
                    type: snap
                    filesystems: {"%1$s<": true, "%1$s": false}
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: 5s
                      hooks:
                        - {type: command, path: "%2$s", filesystems: {"%3$s": true}}
                        - {type: command, path: "%4$s", timeout: 2s, filesystems: {"%5$s": true}}
                    pruning:
                      keep:
                        - {type: last_n, count: 10}
                """.formatted(pool.name(), leaver, a, slow, b));

        long start = System.nanoTime();
        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        List<Map<String, Object>> runs;
        try {
            runs = new ArrayList<>(daemon.awaitEvents(2, Duration.ofMinutes(4)));
        } finally {
            daemon.stop();
        }
        runs.addAll(daemon.remainingEvents());

        for (Map<String, Object> run : runs) {
            List<Map<String, Object>> fss = maps(run.get("snapshots"));
            Map<String, Object> fsA = fss.stream().filter(f -> a.equals(f.get("filesystem"))).findFirst().orElseThrow();
            Map<String, Object> fsB = fss.stream().filter(f -> b.equals(f.get("filesystem"))).findFirst().orElseThrow();
            assertThat(fsA).containsEntry("state", "DONE");
            assertThat(maps(fsA.get("hooks"))).extracting(h -> h.get("status")).containsExactly("Ok", "Ok", "Ok");
            // non-fatal: the pre-hook's timeout is an error of the filesystem, the snapshot is still taken
            assertThat(fsB).containsEntry("state", "ERROR");
            Map<String, Object> pre = maps(fsB.get("hooks")).get(0);
            assertThat(pre).containsEntry("status", "Err")
                    .containsEntry("error", "timed out after 2s: signal: terminated");
            assertThat(pool.zfs("list", "-H", "-o", "name", "-t", "snapshot", b + "@" + fsB.get("snapshot")).stdout())
                    .contains(b + "@zrepl_");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(2));
        for (String line : Files.readAllLines(ids)) {
            String[] f = line.split(" ");
            assertThat(f).as("pid pgid sid of the hook").containsOnly(f[0]);
        }
        List<String> children = Files.readAllLines(pids);
        assertThat(children).hasSizeGreaterThanOrEqualTo(2 * runs.size());
        for (String child : children) {
            assertThat(running(Long.parseLong(child.strip()))).as("hook child " + child).isFalse();
        }
    }

    @Test
    void testFilesystemsListsTheRealPoolThroughTheZfsLayer(TestPool pool) throws Exception {
        Sh.bash("zfs create " + pool.ds("keep") + " && zfs create " + pool.ds("keep/sub") + " && zfs create "
                + pool.ds("skip") + " && zfs create -V 8M " + pool.ds("vol") + " && zfs snapshot "
                + pool.ds("keep") + "@s");
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: snapjob
                    type: snap
                    filesystems: {"%1$s<": true, "%1$s/skip": false}
                    snapshotting: {type: manual}
                    pruning: {keep: [{type: last_n, count: 1}]}
                """.formatted(pool.name()));

        Cli run = Cli.run("test", "filesystems", "--config", config.toString(), "--job", "snapjob", "--all");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> ours = run.out().lines().filter(l -> l.split("\t")[1].split("/")[0].equals(pool.name()))
                .toList();
        String p = pool.name();
        assertThat(ours).containsExactlyInAnyOrder(
                "ACCEPT\t" + p + "\t" + p + "<",
                "ACCEPT\t" + p + "/keep\t" + p + "<",
                "ACCEPT\t" + p + "/keep/sub\t" + p + "<",
                "REJECT\t" + p + "/skip\t" + p + "/skip",
                "ACCEPT\t" + p + "/vol\t" + p + "<");
    }

    /** Alive and not a zombie, by {@code /proc/<pid>/stat}. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    private Path script(String name, String body) throws IOException {
        return DaemonWorkDir.script(work, name, "/bin/sh", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
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
