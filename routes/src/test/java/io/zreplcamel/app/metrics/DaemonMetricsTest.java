package io.zreplcamel.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.jobs.ReplicationJobEvent;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The metrics a run leaves, with zrepl's names and labels, scraped over HTTP from the listener: two runs of a push
 * job (the second with a failed filesystem and a planning failure after it), counted, gauged, and served as the text
 * format; other paths and methods refused.
 */
class DaemonMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static ReplicationJobEvent run(Instant at, boolean bFails, boolean planningFails) {
        FilesystemReport a = new FilesystemReport("tank/a", FilesystemState.DONE, 1, 1, 3000, 2900,
                Optional.empty(), Optional.empty(), Optional.empty());
        FilesystemReport b = new FilesystemReport("tank/b", bFails ? FilesystemState.FAILED : FilesystemState.DONE,
                bFails ? 0 : 1, 1, 500, bFails ? 100 : 500, Optional.empty(),
                bFails ? Optional.of("tank/b: refused") : Optional.empty(), Optional.empty());
        AttemptReport attempt = planningFails
                ? new AttemptReport(1, at, Optional.of(at), AttemptState.PLANNING_ERROR, Optional.of("no peer"),
                        List.of())
                : new AttemptReport(1, at, Optional.of(at), bFails ? AttemptState.FILESYSTEM_ERROR : AttemptState.DONE,
                        Optional.empty(), List.of(a, b));
        InvocationReport i = new InvocationReport("backup", at, at.plusSeconds(5),
                new ReplicationReport(at, Optional.of(at.plusSeconds(4)), List.of(attempt)),
                new PruningReport("sender", List.of("tank/a@1", "tank/a@2"), Map.of(), Optional.empty()),
                new PruningReport("receiver", List.of("b/tank/a@1"), bFails ? Map.of("b/tank/a@0", "held")
                        : Map.of(), Optional.empty()));
        return new ReplicationJobEvent("backup", "push", at, at.plusSeconds(5), Optional.empty(), Optional.empty(),
                Optional.of(i), Optional.empty(), Optional.empty());
    }

    @Test
    void runsBecomeZreplsMetricsScrapedOverHttp() throws Exception {
        DaemonMetrics metrics = new DaemonMetrics(T0);
        metrics.replicationRun(run(T0, false, false));
        metrics.replicationRun(run(T0.plusSeconds(600), true, false));

        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                metrics::scrape)) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.address().getPort());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
            List<String> lines = r.body().lines().toList();
            assertThat(lines).contains(
                    "zrepl_start_time{raw=\"" + T0.getEpochSecond() + "\",version_info=\"zrepl-camel "
                            + io.zreplcamel.app.BuildInfo.version() + "\"} " + (double) T0.getEpochSecond(),
                    // bytes add up over runs, per filesystem
                    "zrepl_replication_bytes_replicated{filesystem=\"tank/a\",zrepl_job=\"backup\"} 5800.0",
                    "zrepl_replication_bytes_replicated{filesystem=\"tank/b\",zrepl_job=\"backup\"} 600.0",
                    "zrepl_replication_filesystem_errors{zrepl_job=\"backup\"} 1.0",
                    // the first run had no failed filesystem, the second had one: the last success is the first
                    "zrepl_replication_last_successful{zrepl_job=\"backup\"} " + (double) T0.plusSeconds(5)
                            .getEpochSecond(),
                    "zrepl_replication_filesystem_last_replicated_time{filesystem=\"tank/a\",zrepl_job=\"backup\"} "
                            + (double) T0.plusSeconds(605).getEpochSecond(),
                    "zrepl_replication_filesystem_last_replicated_time{filesystem=\"tank/b\",zrepl_job=\"backup\"} "
                            + (double) T0.plusSeconds(5).getEpochSecond(),
                    "zrepl_replication_filesystem_failed{filesystem=\"tank/b\",zrepl_job=\"backup\"} 1.0",
                    "zrepl_pruning_destroyed_total{prune_side=\"sender\",zrepl_job=\"backup\"} 4.0",
                    "zrepl_pruning_destroyed_total{prune_side=\"receiver\",zrepl_job=\"backup\"} 2.0",
                    "zrepl_pruning_failed{prune_side=\"receiver\",zrepl_job=\"backup\"} 1.0",
                    "zrepl_job_runs_total{outcome=\"ok\",zrepl_job=\"backup\"} 1.0",
                    "zrepl_job_runs_total{outcome=\"error\",zrepl_job=\"backup\"} 1.0");
            assertThat(lines).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"));

            metrics.replicationRun(run(T0.plusSeconds(1200), false, true));
            assertThat(metrics.scrape().lines()).contains("zrepl_replication_filesystem_errors{zrepl_job=\"backup\"}"
                    + " -1.0");

            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aPortInUseIsAnErrorNamingTheListener() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsServer.start(a, () -> ""))
                    .hasMessageStartingWith("prometheus listener 127.0.0.1:" + taken.getLocalPort()
                            + ": cannot listen: ");
        }
    }
}
