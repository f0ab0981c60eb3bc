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
 * A push job and a sink job in one daemon over the {@code local} transport, on real OpenZFS: the daemon
 * ({@link RunningDaemon}, in this JVM, bundled routes) snapshots the push's filesystems, replicates them through the
 * sink's route into {@code <pool>/sink/<client identity>/...} (first full, then incremental) and prunes both sides.
 * Checked afterwards with one listing of the pool: every snapshot on the receiver has the sender's guid, the
 * cursor bookmark is on the sender, and each side keeps what its rules say.
 */
@PlatformTest
class LocalPushSinkDaemonPlatformTest extends WithDaemonWorkDir {

    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void pushReplicatesIntoTheSinkWithEqualGuidsAndPrunesBothSides(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String child = pool.ds("src/child");
        String sinkRoot = pool.ds("sink");
        Sh.bash("zfs create " + src + " && zfs create " + child + " && zfs create " + sinkRoot
                + " && head -c 65536 /dev/urandom > " + pool.mountpoint("src") + "/data").check();
        int metricsPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            metricsPort = free.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                global:
                  monitoring: [{type: prometheus, listen: "127.0.0.1:%3$d"}]
                jobs:
                  - name: push
                    type: push
                    connect: {type: local, listener_name: backup, client_identity: laptop}
                    filesystems: {"%1$s<": true}
                    snapshotting: {type: periodic, prefix: zrepl_, interval: 10s}
                    pruning:
                      keep_sender:
                        - {type: not_replicated}
                        - {type: last_n, count: 2, regex: "^zrepl_"}
                      keep_receiver:
                        - {type: last_n, count: 2, regex: "^zrepl_"}
                  - name: sink
                    type: sink
                    root_fs: "%2$s"
                    serve: {type: local, listener_name: backup}
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(src, sinkRoot, metricsPort));

        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 200);
        List<Map<String, Object>> runs;
        List<String> metrics;
        List<String> routeIds;
        String pushType;
        String pushSummary;
        String sinkState;
        try {
            runs = new ArrayList<>(daemon.awaitEvents(3, RUNS_TIMEOUT));
            metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body().lines().toList();
            // JMX, as a JMX client of this JVM sees it: Camel's route MBeans and one MBean per job
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            routeIds = jmx.queryNames(new javax.management.ObjectName("org.apache.camel:type=routes,*"), null)
                    .stream().map(n -> n.getKeyProperty("name")).map(n -> n.replace("\"", "")).toList();
            javax.management.ObjectName pushBean = io.zreplcamel.app.jmx.JobControl.objectName("push");
            pushType = (String) jmx.getAttribute(pushBean, "Type");
            pushSummary = (String) jmx.getAttribute(pushBean, "LastRunSummary");
            sinkState = (String) jmx.getAttribute(io.zreplcamel.app.jmx.JobControl.objectName("sink"), "State");
        } finally {
            daemon.stop();
        }
        runs.addAll(daemon.remainingEvents());

        for (Map<String, Object> run : runs) {
            assertThat(run).as("event %s", run).containsEntry("type", "push-run").containsEntry("job", "push")
                    .containsEntry("ok", true);
        }
        PoolSnapshots snapshots = PoolSnapshots.of(pool);
        for (String fs : List.of(src, child)) {
            Map<String, String> sent = snapshots.ofFilesystem(fs);
            Map<String, String> got = snapshots.ofFilesystem(sinkRoot + "/laptop/" + fs);
            assertThat(got).as("snapshots received for %s", fs).isNotEmpty();
            // keep_receiver last_n 2; keep_sender keeps the newest 2 (everything is replicated by then)
            assertThat(got).hasSizeLessThanOrEqualTo(2);
            assertThat(sent).hasSizeLessThanOrEqualTo(2);
            got.forEach((name, guid) -> {
                if (sent.containsKey(name)) {
                    assertThat(guid).as("guid of %s@%s on the receiver", fs, name).isEqualTo(sent.get(name));
                }
            });
            assertThat(got.keySet()).as("the newest sent snapshot of %s arrived", fs)
                    .contains(sent.keySet().stream().reduce((a, b) -> b).orElseThrow());
        }
        List<String> bookmarks = pool.zfs("list", "-H", "-o", "name", "-t", "bookmark", "-r", src).check().lines();
        assertThat(bookmarks).anyMatch(b -> b.startsWith(src + "#zrepl_CURSOR_G_") && b.endsWith("_J_push"));
        List<String> holds = Sh.bash("zfs list -H -o name -t snapshot -r " + sinkRoot
                + " | xargs -r zfs holds -H").check().lines();
        assertThat(holds).anyMatch(h -> h.contains("zrepl_last_received_J_sink"));

        // the Prometheus endpoint, scraped while the daemon ran: zrepl's metrics of these runs, and the routes'
        assertThat(metrics).contains("zrepl_replication_filesystem_errors{zrepl_job=\"push\"} 0.0");
        assertThat(metrics).anyMatch(l -> l.startsWith("zrepl_replication_last_successful{zrepl_job=\"push\"} ")
                && !l.endsWith(" 0.0"));
        assertThat(metrics).anyMatch(l -> l.startsWith("zrepl_replication_bytes_replicated{filesystem=\"" + src
                + "\",zrepl_job=\"push\"} ") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 65536);
        assertThat(metrics).anyMatch(l -> l.startsWith("zrepl_replication_filesystem_last_replicated_time{filesystem=\""
                + child + "\",zrepl_job=\"push\"} "));
        assertThat(metrics).anyMatch(l -> l.startsWith("zrepl_job_runs_total{outcome=\"ok\",zrepl_job=\"push\"} "));
        assertThat(metrics).anyMatch(l -> l.startsWith("camel_exchanges_total{") && l.contains("routeId=\"job-push-push\""));
        assertThat(routeIds).contains("job-push-push", "job-sink-sink");
        assertThat(pushType).isEqualTo("push");
        assertThat(pushSummary).startsWith("invocation finished: ");
        assertThat(sinkState).isEqualTo("serving");
    }
}
