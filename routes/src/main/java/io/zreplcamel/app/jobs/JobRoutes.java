package io.zreplcamel.app.jobs;

import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.processors.hooks.CommandHookRunner;
import io.zreplcamel.processors.job.LocalDatasets;
import io.zreplcamel.processors.job.SnapJobRunner;
import io.zreplcamel.processors.snapshotting.SnapshotRunner;
import io.zreplcamel.zfs.component.ZfsComponent;
import io.zreplcamel.zfs.component.ZfsConstants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the jobs of a zrepl.yml into Camel routes: each job kind has a route template (loaded from the routes
 * directory, so admins can override it) and each job becomes one templated route with readable, stable ids
 * ({@code job-<name>-snap}) for JMX and overrides. Job kinds that are not implemented yet are logged and left out,
 * never silently run half-way.
 */
public final class JobRoutes {

    public static final String SNAP_TEMPLATE = "zrepl-snap-job";

    private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);

    private final CamelContext context;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, String> templateOverrides;
    private final Map<String, SnapJobBean> snapJobs = new LinkedHashMap<>();

    /**
     * @param templateOverrides template parameters set for every job (e.g. {@code eventsUri}, {@code tickMillis})
     */
    public JobRoutes(CamelContext context, Clock clock, ZoneId zone, Map<String, String> templateOverrides) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.templateOverrides = Map.copyOf(templateOverrides);
    }

    public static String routeId(Job job) {
        return "job-" + job.name() + "-" + job.type();
    }

    /** Adds one route per supported job; returns the ids of the routes added. */
    public List<String> install(ZreplConfig config) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Job job : config.jobs()) {
            if (job instanceof SnapJob snap) {
                ids.add(installSnapJob(snap));
            } else {
                LOG.warn("job {} (type {}) is not supported yet by zrepl-camel and will not run", job.name(),
                        job.type());
            }
        }
        return ids;
    }

    public Map<String, SnapJobBean> snapJobs() {
        return Map.copyOf(snapJobs);
    }

    private String installSnapJob(SnapJob job) throws Exception {
        if (context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(SNAP_TEMPLATE) == null) {
            throw new IllegalStateException("route template " + SNAP_TEMPLATE + " is missing from the loaded routes"
                    + " (copy snap-job.yaml from the bundled routes into your --routes directory)");
        }
        ZfsComponent zfs = context.getComponent("zfs", ZfsComponent.class);
        ProducerTemplate producer = context.createProducerTemplate();
        // Snapshots go through the zfs: endpoint like every other ZFS action of a route; one call per batch
        // (a batch is one filesystem, or a whole pool with `atomic: true`).
        SnapshotRunner.SnapshotTaker taker = (filesystems, name) -> {
            Exchange result = producer.request("zfs:snapshot", e -> {
                e.getMessage().setHeader(ZfsConstants.DATASETS, filesystems);
                e.getMessage().setHeader(ZfsConstants.SNAPSHOT, name);
            });
            if (result.getException() != null) {
                throw result.getException();
            }
        };
        // Pruning is zrepl's, plus the job's pruning.protect_newest (from the config; docs/pruning.md).
        SnapJobRunner runner = new SnapJobRunner(job, new LocalDatasets(zfs.defaultZfs()), taker,
                new CommandHookRunner(), clock, zone);
        SnapJobBean bean = new SnapJobBean(runner, clock);
        String id = routeId(job);
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, SNAP_TEMPLATE)
                .routeId(id)
                .parameter("jobName", job.name())
                .parameter("timerName", timerName(job.name()))
                .bean("snapJob", bean);
        templateOverrides.forEach(b::parameter);
        b.add();
        snapJobs.put(job.name(), bean);
        LOG.info("job {}: route {} from template {}", job.name(), id, SNAP_TEMPLATE);
        return id;
    }

    /** Job names may contain spaces and colons; Quartz names in a URI may not. */
    static String timerName(String jobName) {
        String safe = jobName.replaceAll("[^A-Za-z0-9_.-]", "_");
        return safe.equals(jobName) ? safe
                : safe + "-" + HexFormat.of().formatHex(jobName.getBytes(StandardCharsets.UTF_8)).substring(0,
                        Math.min(16, jobName.length() * 2));
    }
}
