package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.snap.WithDaemonWorkDir;
import io.zreplcamel.platformtest.snap.RunningDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pull job and the source job it pulls from, in one real daemon ({@link RunningDaemon}, bundled routes, the
 * {@code local} transport): the source snapshots its filesystems every 10 s, the pull job replicates them every
 * 10 s into {@code <pool>/pulled/<source path>} (first full, then incremental) and prunes both sides. Checked
 * afterwards with one listing of the pool: every snapshot on the receiver has the sender's guid, the source's cursor
 * bookmark is on the sender, the pull's last-received hold on the receiver, and each side keeps what its rules say.
 */
@PlatformTest
class LocalPullSourceDaemonPlatformTest extends WithDaemonWorkDir {

    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void pullReplicatesFromTheSourceWithEqualGuidsAndPrunesBothSides(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String child = pool.ds("src/child");
        String pullRoot = pool.ds("pulled");
        // a snapshot before the daemon starts: the pull job's first tick must find something to replicate
        Sh.bash("zfs create " + src + " && zfs create " + child + " && zfs create " + pullRoot
                + " && head -c 65536 /dev/urandom > " + pool.mountpoint("src") + "/data"
                + " && zfs snapshot -r " + src + "@pre").check();
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                global:
                  control: {sockpath: "%3$s"}
                jobs:
                  - name: source
                    type: source
                    serve: {type: local, listener_name: backups}
                    filesystems: {"%1$s<": true}
                    snapshotting: {type: periodic, prefix: zrepl_, interval: 10s}
                  - name: pull
                    type: pull
                    connect: {type: local, listener_name: backups, client_identity: backupserver}
                    root_fs: "%2$s"
                    interval: 10s
                    recv: {placeholder: {encryption: inherit}}
                    pruning:
                      keep_sender:
                        - {type: not_replicated}
                        - {type: last_n, count: 2, regex: "^zrepl_"}
                      keep_receiver:
                        - {type: last_n, count: 2, regex: "^zrepl_"}
                """.formatted(src, pullRoot, work.resolve("run/control")));

        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 200);
        List<Map<String, Object>> pulls = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        try {
            // until three pull invocations replicated something incremental after the source's own snapshots
            while (pulls.size() < 4) {
                Map<String, Object> e = daemon.awaitEvents(1, RUNS_TIMEOUT).get(0);
                events.add(e);
                if ("pull-run".equals(e.get("type"))) {
                    pulls.add(e);
                }
            }
        } finally {
            daemon.stop();
        }
        events.addAll(daemon.remainingEvents());

        assertThat(events).as("the source's snapshot runs are events too")
                .anySatisfy(e -> assertThat(e).containsEntry("type", "source-snapshot").containsEntry("job", "source"));
        for (Map<String, Object> run : pulls) {
            assertThat(run).as("event %s", run).containsEntry("job", "pull").containsEntry("ok", true);
        }
        PoolSnapshots snapshots = PoolSnapshots.of(pool);
        for (String fs : List.of(src, child)) {
            Map<String, String> sent = snapshots.ofFilesystem(fs);
            Map<String, String> got = snapshots.ofFilesystem(pullRoot + "/" + fs);
            assertThat(got).as("snapshots received for %s", fs).isNotEmpty();
            assertThat(got).as("keep_receiver last_n 2 (plus the base of the next step) for %s", fs)
                    .hasSizeLessThanOrEqualTo(3);
            got.forEach((name, guid) -> {
                if (sent.containsKey(name)) {
                    assertThat(guid).as("guid of %s@%s on the receiver", fs, name).isEqualTo(sent.get(name));
                }
            });
            assertThat(got.keySet()).as("zrepl_ snapshots of %s arrived", fs).anyMatch(n -> n.startsWith("zrepl_"));
            assertThat(sent).as("sender pruning destroyed the replicated @pre of %s", fs).doesNotContainKey("pre");
        }
        List<String> bookmarks = pool.zfs("list", "-H", "-o", "name", "-t", "bookmark", "-r", src).check().lines();
        assertThat(bookmarks).as("the source job's cursor")
                .anyMatch(b -> b.startsWith(src + "#zrepl_CURSOR_G_") && b.endsWith("_J_source"));
        List<String> holds = Sh.bash("zfs list -H -o name -t snapshot -r " + pullRoot
                + " | xargs -r zfs holds -H").check().lines();
        assertThat(holds).as("the pull job's last-received hold").anyMatch(h -> h.contains("zrepl_last_received_J_pull"));
    }
}
