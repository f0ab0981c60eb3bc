package io.zreplcamel.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zreplcamel.app.jobs.ReplicationJobEvent;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in dist/ queries only metrics the daemon exports (after one run of a push job). */
class DashboardMetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:zrepl|jvm|camel|process)_[a-z_]+)\\b");

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "dist", "grafana", "zrepl-camel.json")
                .toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.findValues("expr").forEach(e -> collect(e.asText(), queried));
        dashboard.findValues("query").forEach(e -> collect(e.asText(), queried));
        assertThat(queried).hasSizeGreaterThan(5);

        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        DaemonMetrics metrics = new DaemonMetrics(t);
        FilesystemReport fs = new FilesystemReport("tank/a", FilesystemState.DONE, 1, 1, 10, 10, Optional.empty(),
                Optional.empty(), Optional.empty());
        metrics.replicationRun(new ReplicationJobEvent("backup", "push", t, t, Optional.empty(), Optional.empty(),
                Optional.of(new InvocationReport("backup", t, t, new ReplicationReport(t, Optional.of(t),
                        List.of(new AttemptReport(1, t, Optional.of(t), AttemptState.DONE, Optional.empty(),
                                List.of(fs)))), new PruningReport("sender", List.of(), Map.of(), Optional.empty()),
                        new PruningReport("receiver", List.of(), Map.of(), Optional.empty()))),
                Optional.empty(), Optional.empty()));
        Set<String> exported = new TreeSet<>();
        metrics.scrape().lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> exported.add(l.replaceAll("[{ ].*", "")));
        assertThat(exported).containsAll(queried);
    }

    /** The metric names of a query: label matchers, grouping clauses and label_values' label left out. */
    private static void collect(String expr, Set<String> into) {
        String names = expr.replaceAll("\\{[^}]*\\}", "").replaceAll("by \\([^)]*\\)", "")
                .replaceAll("label_values\\(([a-z_]+),[^)]*\\)", "$1");
        Matcher m = METRIC.matcher(names);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
