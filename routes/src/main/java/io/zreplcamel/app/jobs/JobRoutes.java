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
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the jobs of a zrepl.yml into Camel routes: each job kind has a route template (loaded from the routes
 * directory, so admins can override it) and each job becomes one templated route with readable, stable ids
 * ({@code job-<name>-snap}) for JMX and overrides. A job kind that is not implemented yet is an error: nothing is
 * installed, never a daemon that runs some jobs and silently drops the others.
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
        // configcheck and the daemon's config loading report unimplemented kinds at their line; a caller that built
        // a config otherwise must not get a daemon that looks active while a job never runs. Checked before any
        // route is added, so it is all or nothing.
        for (Job job : config.jobs()) {
            if (!(job instanceof SnapJob)) {
                throw new IllegalStateException("job " + job.name() + ": type " + job.type()
                        + " is not implemented yet by zrepl-camel; not starting");
            }
        }
        List<String> ids = new ArrayList<>();
        for (Job job : config.jobs()) {
            ids.add(installSnapJob((SnapJob) job));
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
        // Snapshots go through the zfs: endpoint like every other ZFS action of a route; one call per batch
        // (a batch is one filesystem, or a whole pool with `atomic: true`). The template lives for one call and is
        // closed after it: a template kept by the job would outlive a context stop (leaking its producers) or, if
        // the context owned it, stay stopped after a restart. Its cost is nothing next to the zfs process.
        SnapshotRunner.SnapshotTaker taker = (filesystems, name) -> {
            try (ProducerTemplate producer = context.createProducerTemplate()) {
                Exchange result = producer.request("zfs:snapshot", e -> {
                    e.getMessage().setHeader(ZfsConstants.DATASETS, filesystems);
                    e.getMessage().setHeader(ZfsConstants.SNAPSHOT, name);
                });
                if (result.getException() != null) {
                    throw result.getException();
                }
            }
        };
        // Pruning is zrepl's, plus the job's pruning.protect_newest (from the config; docs/pruning.md).
        SnapJobRunner runner = new SnapJobRunner(job, new LocalDatasets(
                // the context's component of the moment: a restarted context has a new one (stopping drops them)
                () -> context.getComponent("zfs", ZfsComponent.class).defaultZfs()), taker,
                new CommandHookRunner(), clock, zone);
        SnapJobBean bean = new SnapJobBean(runner, clock);
        String id = routeId(job);
        // The bean goes into the context's registry under a name derived from the (injective) timer name, and the
        // template gets that name as a parameter. Not a template-local bean: Camel rebuilds routes from their
        // definitions when the context is restarted (JMX stop/start), and a local bean's placeholder is not
        // resolvable then, while template parameters are kept in the route definition.
        String beanName = "zreplSnapJob." + timerName(job.name());
        bindAcrossRestarts(beanName, bean);
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, SNAP_TEMPLATE)
                .routeId(id)
                .parameter("jobName", job.name())
                .parameter("timerName", timerName(job.name()))
                .parameter("snapJob", beanName);
        templateOverrides.forEach(b::parameter);
        b.add();
        snapJobs.put(job.name(), bean);
        LOG.info("job {}: route {} from template {}", job.name(), id, SNAP_TEMPLATE);
        return id;
    }

    /**
     * Binds {@code bean} now and again whenever the context initializes after a stop: stopping a context clears the
     * beans bound in its registry, and the restarted routes look their beans up by name.
     */
    private void bindAcrossRestarts(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextInitializing(CamelContext ctx) {
                ctx.getRegistry().bind(name, bean);
            }
        });
    }

    /**
     * Job names may contain spaces, colons and any other character; Quartz names in a URI may not. Letters, digits,
     * {@code .} and {@code -} stay; every other byte of the UTF-8 name becomes {@code _XX} (hex). Since {@code _}
     * itself is escaped, the mapping is injective: two different job names never share a timer.
     */
    static String timerName(String jobName) {
        StringBuilder out = new StringBuilder();
        for (byte b : jobName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }
}
