package io.zreplcamel.app.jobs;

import io.zreplcamel.app.transport.AgentlessSsh;
import io.zreplcamel.app.transport.LocalListeners;
import io.zreplcamel.app.transport.LocalReceiverClient;
import io.zreplcamel.app.transport.LocalSenderClient;
import io.zreplcamel.app.transport.NetworkTransports;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.PassiveJob;
import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.SnapshottingJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.Serve;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.processors.hooks.CommandHookRunner;
import io.zreplcamel.app.status.StatusSource;
import io.zreplcamel.processors.job.ActiveJobRunner;
import io.zreplcamel.processors.job.JobSnapshotting;
import io.zreplcamel.processors.job.LocalDatasets;
import io.zreplcamel.processors.job.SnapJobRunner;
import io.zreplcamel.processors.snapshotting.SnapshotRunner;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.component.ZfsComponent;
import io.zreplcamel.zfs.component.ZfsConstants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the jobs of a zrepl.yml into Camel routes: each job kind has a route template (loaded from the routes
 * directory, so admins can override it) and each job becomes one templated route with readable, stable ids
 * ({@code job-<name>-snap}, {@code -push}, {@code -pull}, {@code -sink}; a source has {@code job-<name>-source} for
 * its snapshots and {@code job-<name>-source-serve}) for JMX and overrides. Passive jobs serve their {@code local}
 * listener as a {@code direct:} route ({@link LocalListeners}); an active job reaches its peer through that route.
 * A transport that is not implemented yet, or two jobs on one listener, is an error: nothing is installed, never a
 * daemon that runs some jobs and silently drops the others.
 */
public final class JobRoutes {

    public static final String SNAP_TEMPLATE = "zrepl-snap-job";
    public static final String PUSH_TEMPLATE = "zrepl-push-job";
    public static final String PULL_TEMPLATE = "zrepl-pull-job";
    public static final String SINK_TEMPLATE = "zrepl-sink-job";
    public static final String SOURCE_TEMPLATE = "zrepl-source-job";
    public static final String SOURCE_SERVE_TEMPLATE = "zrepl-source-serve";

    /** How long a local connect waits for its listener when {@code dial_timeout} is 0 (zrepl: forever). */
    static final Duration MAX_LOCAL_CONNECT_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);

    private final CamelContext context;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, String> templateOverrides;
    private final JobEndpoints endpoints;
    private final Function<ActiveJob, ActiveInvocation> invocations;
    private final LocalListeners listeners = new LocalListeners(JobRoutes::timerName);
    private final NetworkTransports network = new NetworkTransports();
    /** How long a network client's call waits for the job's serve route when it is (re)starting. */
    static final Duration NETWORK_ROUTE_WAIT = Duration.ofSeconds(10);
    private final Map<String, SnapJobBean> snapJobs = new LinkedHashMap<>();
    private final Map<String, Object> jobBeans = new LinkedHashMap<>();
    private RunObserver runObserver = RunObserver.NONE;
    private final Map<String, String> jobTypes = new LinkedHashMap<>();
    private final Map<String, JobSignals> signals = new LinkedHashMap<>();

    /**
     * @param templateOverrides template parameters set for every job (e.g. {@code eventsUri}, {@code tickMillis})
     */
    public JobRoutes(CamelContext context, Clock clock, ZoneId zone, Map<String, String> templateOverrides) {
        this(context, clock, zone, templateOverrides, null, null);
    }

    /**
     * @param endpoints   this host's endpoints of replication jobs; null for the zfs layer's
     * @param invocations one invocation of an active job; null for {@link ActiveJobRunner}
     */
    public JobRoutes(CamelContext context, Clock clock, ZoneId zone, Map<String, String> templateOverrides,
            JobEndpoints endpoints, Function<ActiveJob, ActiveInvocation> invocations) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.templateOverrides = Map.copyOf(templateOverrides);
        this.endpoints = endpoints != null ? endpoints : new ZfsJobEndpoints(this::zfs);
        this.invocations = invocations != null ? invocations
                : job -> ActiveInvocation.of(new ActiveJobRunner(job, clock));
    }

    /** Every finished run is also told to {@code observer} (the daemon's metrics); call before {@link #install}. */
    public JobRoutes observeRuns(RunObserver observer) {
        this.runObserver = Objects.requireNonNull(observer, "observer");
        return this;
    }

    public static String routeId(Job job) {
        return "job-" + job.name() + "-" + job.type();
    }

    /** The route serving a source job's listener (its {@link #routeId} is its snapshot route). */
    public static String serveRouteId(SourceJob job) {
        return routeId(job) + "-serve";
    }

    /** Adds the routes of every job; returns the ids of the routes added. */
    public List<String> install(ZreplConfig config) throws Exception {
        // configcheck and the daemon's config loading report unimplemented transports at their line; a caller that
        // built a config otherwise must not get a daemon that looks active while a job never replicates. Checked,
        // and the listeners registered, before any route is added, so it is all or nothing.
        for (Job job : config.jobs()) {
            if (job instanceof ActiveJob a && !(a.connect() instanceof Connect.Local)
                    && !(a.connect() instanceof Connect.SshZfs) && !NetworkTransports.supports(a.connect())) {
                throw notImplemented(job, "connect", a.connect().type());
            }
            if (job instanceof ActiveJob a && NetworkTransports.supports(a.connect())) {
                NetworkTransports.validate(job.name(), a.connect());
            }
            if (job instanceof PassiveJob p && !(p.serve() instanceof Serve.Local)) {
                if (!NetworkTransports.supports(p.serve())) {
                    throw notImplemented(job, "serve", p.serve().type());
                }
                NetworkTransports.validate(job.name(), p.serve());
            }
        }
        network.stdinserverSockdir(config.global().stdinserverSockdir());
        for (Job job : config.jobs()) {
            if (job instanceof PassiveJob p && p.serve() instanceof Serve.Local local) {
                listeners.register(local.listenerName(), job.name());
            }
        }
        for (Job job : config.jobs()) {
            requireTemplates(job);
        }
        if (config.jobs().stream().anyMatch(j -> j instanceof PassiveJob p && !(p.serve() instanceof Serve.Local))) {
            bindListenersWithTheContext();
        }
        List<String> ids = new ArrayList<>();
        for (Job job : config.jobs()) {
            if (job instanceof SnapJob snap) {
                ids.add(installSnapJob(snap));
            } else if (job instanceof PushJob push) {
                ids.add(installPushJob(push));
            } else if (job instanceof PullJob pull) {
                ids.add(installPullJob(pull));
            } else if (job instanceof SinkJob sink) {
                ids.add(installSinkJob(sink));
            } else if (job instanceof SourceJob source) {
                ids.addAll(installSourceJob(source));
            } else {
                throw new IllegalStateException("job " + job.name() + ": type " + job.type() + " has no route");
            }
        }
        bindListenersIfStarted();
        return ids;
    }

    private static IllegalStateException notImplemented(Job job, String section, String type) {
        return new IllegalStateException("job " + job.name() + ": " + section + " type " + type + ": transport " + type
                + " is not implemented yet by zrepl-camel (local, tcp, tls and ssh+stdinserver are); not starting");
    }

    /**
     * Binds the network listeners whenever the context has started and closes them when it stops, so that a
     * listener never accepts calls for routes that are not running.
     */
    private void bindListenersWithTheContext() {
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStarted(CamelContext ctx) {
                try {
                    network.start();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while binding the listeners", e);
                }
            }

            @Override
            public void onContextStopping(CamelContext ctx) {
                network.stop();
            }
        });
    }

    /** Binds the network listeners now when the context is already running (jobs installed into a started one). */
    private void bindListenersIfStarted() throws InterruptedException {
        if (context.isStarted()) {
            network.start();
        }
    }

    /** The {@code direct:} route a network serve's calls go through (the job's serve route, as for local). */
    static String networkServeUri(Job job) {
        return "direct:zrepl-net-" + timerName(job.name());
    }

    public Map<String, SnapJobBean> snapJobs() {
        return Map.copyOf(snapJobs);
    }

    /** Every job's bean by job name ({@link SnapJobBean}, {@link PushJobBean}, {@link PullJobBean}, …). */
    public Map<String, Object> jobBeans() {
        return Map.copyOf(jobBeans);
    }

    /** What each installed job says for status, in config order. */
    public Map<String, StatusSource> statusSources() {
        Map<String, StatusSource> m = new LinkedHashMap<>();
        jobBeans.forEach((name, bean) -> {
            if (bean instanceof StatusSource s) {
                m.put(name, s);
            }
        });
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The type ({@code push}, {@code sink}, …) of every installed job by name. */
    public Map<String, String> jobTypes() {
        return Map.copyOf(jobTypes);
    }

    /** The wakeup/reset signals of the push, pull and snap jobs by name (passive jobs have none). */
    public Map<String, JobSignals> signals() {
        return Map.copyOf(signals);
    }

    private static void logManual(Job job, String what) {
        LOG.info("job {}: {} manual: runs only on `zrepl-camel signal wakeup {}`", job.name(), what, job.name());
    }

    public LocalListeners listeners() {
        return listeners;
    }

    private Zfs zfs() {
        // the context's component of the moment: a restarted context has a new one (stopping drops them)
        return context.getComponent("zfs", ZfsComponent.class).defaultZfs();
    }

    private void requireTemplates(Job job) {
        List<String> ids = job instanceof SourceJob ? List.of(SOURCE_TEMPLATE, SOURCE_SERVE_TEMPLATE)
                : List.of("zrepl-" + job.type() + "-job");
        for (String id : ids) {
            if (template(id) == null) {
                throw new IllegalStateException("route template " + id + " is missing from the loaded routes"
                        + " (copy " + job.type() + "-job.yaml from the bundled routes into your --routes directory)");
            }
        }
    }

    private RouteTemplateDefinition template(String id) {
        return context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(id);
    }

    /**
     * Snapshots go through the zfs: endpoint like every other ZFS action of a route; one call per batch (a batch is
     * one filesystem, or a whole pool with `atomic: true`). The template lives for one call and is closed after it:
     * a template kept by the job would outlive a context stop (leaking its producers) or, if the context owned it,
     * stay stopped after a restart. Its cost is nothing next to the zfs process.
     */
    private SnapshotRunner.SnapshotTaker snapshotTaker() {
        return (filesystems, name) -> {
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
    }

    private ScheduledSnapshots scheduledSnapshots(SnapshottingJob job) {
        return new ScheduledSnapshots(new JobSnapshotting(job, new LocalDatasets(this::zfs), snapshotTaker(),
                new CommandHookRunner(), clock, zone), clock);
    }

    private String installSnapJob(SnapJob job) throws Exception {
        // Pruning is zrepl's, plus the job's pruning.protect_newest (from the config; docs/pruning.md).
        SnapJobRunner runner = new SnapJobRunner(job, new LocalDatasets(this::zfs), snapshotTaker(),
                new CommandHookRunner(), clock, zone);
        SnapJobBean bean = new SnapJobBean(runner, clock, runObserver);
        snapJobs.put(job.name(), bean);
        signals.put(job.name(), bean.signals());
        if (job.snapshotting() instanceof Snapshotting.Manual) {
            logManual(job, "snapshotting");
        }
        return addRoute(job, SNAP_TEMPLATE, routeId(job), "snapJob", "zreplSnapJob.", bean,
                Map.of("timerName", timerName(job.name())));
    }

    private String installPushJob(PushJob job) throws Exception {
        Receiver sink;
        if (job.connect() instanceof Connect.Local connect) {
            sink = new LocalReceiverClient(context, listeners.endpointUri(connect.listenerName()),
                    connect.listenerName(), job.name(), connect.clientIdentity(), connectWait(connect));
        } else if (job.connect() instanceof Connect.SshZfs ssh) {
            // agentless: the receiver's logic runs here, its zfs commands there (docs/agentless.md)
            List<String> shell = AgentlessSsh.shell(ssh);
            sink = new LocalReceiver(() -> context.getComponent("zfs", ZfsComponent.class).remoteZfs(shell),
                    job.name(), ssh.rootFs(), Optional.empty(), ssh.recv(),
                    ZfsJobEndpoints.limiter(ssh.recv().bandwidthLimit()));
        } else {
            sink = network.connect(job.name(), job.connect());
        }
        PushJobBean bean = new PushJobBean(scheduledSnapshots(job), invocations.apply(job),
                endpoints.pushSender(job), sink, clock, runObserver);
        signals.put(job.name(), bean.signals());
        if (job.snapshotting() instanceof Snapshotting.Manual) {
            logManual(job, "snapshotting");
        }
        return addRoute(job, PUSH_TEMPLATE, routeId(job), "pushJob", "zreplPushJob.", bean,
                Map.of("timerName", timerName(job.name())));
    }

    private String installPullJob(PullJob job) throws Exception {
        Sender source;
        if (job.connect() instanceof Connect.Local connect) {
            source = new LocalSenderClient(context, listeners.endpointUri(connect.listenerName()),
                    connect.listenerName(), job.name(), connect.clientIdentity(), connectWait(connect));
        } else {
            source = network.connect(job.name(), job.connect());
        }
        PullJobBean bean = new PullJobBean(job.name(), job.interval(), invocations.apply(job), source,
                endpoints.pullReceiver(job), clock, runObserver);
        signals.put(job.name(), bean.signals());
        if (job.interval().isManual()) {
            logManual(job, "interval");
        }
        return addRoute(job, PULL_TEMPLATE, routeId(job), "pullJob", "zreplPullJob.", bean,
                Map.of("timerName", timerName(job.name())));
    }

    private String installSinkJob(SinkJob job) throws Exception {
        SinkJobBean bean = new SinkJobBean(job.name(), identity -> endpoints.sinkReceiver(job, identity));
        return addRoute(job, SINK_TEMPLATE, routeId(job), "sinkJob", "zreplSinkJob.", bean,
                Map.of("listenerUri", serveUri(job, job.serve())));
    }

    /**
     * The serve route's {@code from}: the local listener's endpoint, or for a network serve a route of the job's own
     * whose calls come from the job's listener (registered here, bound when the context has started).
     */
    private String serveUri(Job job, Serve serve) {
        if (serve instanceof Serve.Local local) {
            return listeners.endpointUri(local.listenerName());
        }
        String uri = networkServeUri(job);
        String label = serve.type() + " serve of job " + job.name();
        network.serve(job.name(), serve, identity -> job instanceof SinkJob
                ? new LocalReceiverClient(context, uri, label, "client " + identity, identity, NETWORK_ROUTE_WAIT)
                : new LocalSenderClient(context, uri, label, "client " + identity, identity, NETWORK_ROUTE_WAIT));
        return uri;
    }

    private List<String> installSourceJob(SourceJob job) throws Exception {
        SourceJobBean bean = new SourceJobBean(scheduledSnapshots(job), endpoints.sourceSender(job), clock,
                runObserver);
        String snapshots = addRoute(job, SOURCE_TEMPLATE, routeId(job), "sourceJob", "zreplSourceJob.", bean,
                Map.of("timerName", timerName(job.name())));
        String serving = addRoute(job, SOURCE_SERVE_TEMPLATE, serveRouteId(job), "sourceJob", "zreplSourceJob.",
                bean, Map.of("listenerUri", serveUri(job, job.serve())));
        return List.of(snapshots, serving);
    }

    /** zrepl's local {@code dial_timeout}: 0 waits forever there; here at most {@link #MAX_LOCAL_CONNECT_WAIT}. */
    static Duration connectWait(Connect.Local connect) {
        Duration d = connect.dialTimeout();
        return d.isZero() || d.compareTo(MAX_LOCAL_CONNECT_WAIT) > 0 ? MAX_LOCAL_CONNECT_WAIT : d;
    }

    /**
     * The bean goes into the context's registry under a name derived from the (injective) timer name, and the
     * template gets that name as a parameter. Not a template-local bean: Camel rebuilds routes from their
     * definitions when the context is restarted (JMX stop/start), and a local bean's placeholder is not resolvable
     * then, while template parameters are kept in the route definition. Overrides (eventsUri, tickMillis) are passed
     * to the templates that declare them.
     */
    private String addRoute(Job job, String templateId, String routeId, String beanParameter, String beanPrefix,
            Object bean, Map<String, String> parameters) throws Exception {
        String beanName = beanPrefix + timerName(job.name());
        bindAcrossRestarts(beanName, bean);
        TemplatedRouteBuilder b = TemplatedRouteBuilder.builder(context, templateId)
                .routeId(routeId)
                .parameter("jobName", job.name())
                .parameter(beanParameter, beanName);
        parameters.forEach(b::parameter);
        Set<String> declared = new HashSet<>();
        template(templateId).getTemplateParameters().forEach(p -> declared.add(p.getName()));
        templateOverrides.forEach((k, v) -> {
            if (declared.contains(k)) {
                b.parameter(k, v);
            }
        });
        b.add();
        jobBeans.put(job.name(), bean);
        jobTypes.put(job.name(), job.type());
        LOG.info("job {}: route {} from template {}", job.name(), routeId, templateId);
        return routeId;
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
