package io.zreplcamel.app.daemon;

import io.zreplcamel.app.control.ControlServer;
import io.zreplcamel.app.metrics.DaemonMetrics;
import io.zreplcamel.app.metrics.MetricsServer;
import io.zreplcamel.config.model.global.Monitoring;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import javax.management.ObjectName;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import io.zreplcamel.app.control.JobSignalHandler;
import io.zreplcamel.app.status.StatusHandler;
import io.zreplcamel.app.jmx.JobControl;
import io.zreplcamel.app.jobs.JobRoutes;
import io.zreplcamel.app.jobs.JobSignals;
import io.zreplcamel.config.ZreplConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running process: a camel-main application whose routes and route templates come from YAML files,
 * either the bundled ones ({@code classpath:zrepl-routes/*.yaml}) or an admin's directory. Once they are loaded,
 * every job of the config becomes a route from its kind's template. camel-main installs the shutdown hook that
 * stops the context gracefully on SIGTERM/SIGINT.
 *
 * <p>Admins extend it without a rebuild: jars from lib directories ({@link ExtraLibs}) are on the class path of the
 * CamelContext (its application context class loader and the thread context class loader, set before camel-main
 * builds anything), and a properties file ({@link DaemonProperties}) configures camel-main, e.g. a component's
 * connection factory as a {@code camel.beans.*} bean, and where events go ({@code zrepl.events.uri}).
 *
 * <p>Before anything else it binds its control socket ({@code global.control.sockpath}, docs/control.md), so that a
 * second daemon on the same socket refuses to start before it runs a job; {@code zrepl-camel signal} talks to the
 * jobs through it once they are installed. The socket is closed and removed when the context stops.
 */
public final class ZreplDaemon {

    public static final String BUNDLED_ROUTES = "classpath:zrepl-routes/*.yaml";
    public static final String CONTEXT_NAME = "zrepl";

    private static final Logger LOG = LoggerFactory.getLogger(ZreplDaemon.class);

    private final Path routesDir;
    private final ZreplConfig config;
    private final Map<String, String> templateOverrides;
    private long maxDurationSeconds = -1;
    private ExtraLibs libs = ExtraLibs.none();
    private DaemonProperties properties = DaemonProperties.none();

    /**
     * @param routesDir         directory of {@code *.yaml} routes, or null for the bundled routes
     * @param templateOverrides route template parameters set for every job
     */
    public ZreplDaemon(Path routesDir, ZreplConfig config, Map<String, String> templateOverrides) {
        this.routesDir = routesDir;
        this.config = Objects.requireNonNull(config, "config");
        this.templateOverrides = Map.copyOf(templateOverrides);
    }

    public String routesIncludePattern() {
        if (routesDir == null) {
            return BUNDLED_ROUTES;
        }
        return "file:" + routesDir.toAbsolutePath().normalize() + "/*.yaml";
    }

    /** Stop by itself after this many seconds (the demo and tests use it); -1 (default) runs until signalled. */
    public ZreplDaemon withMaxDurationSeconds(long seconds) {
        this.maxDurationSeconds = seconds;
        return this;
    }

    /** Component jars (and their clients) to load in addition to the bundled ones. */
    public ZreplDaemon withLibs(ExtraLibs libs) {
        this.libs = Objects.requireNonNull(libs, "libs");
        return this;
    }

    /** The properties file for camel-main and the daemon ({@code zrepl.events.uri}). */
    public ZreplDaemon withProperties(DaemonProperties properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
        return this;
    }

    /**
     * The template parameters set for every job: those given (e.g. --events-uri), and {@code eventsUri} from the
     * properties file when it was not given.
     */
    public Map<String, String> templateParameters() {
        Map<String, String> parameters = new LinkedHashMap<>(templateOverrides);
        if (!parameters.containsKey("eventsUri")) {
            properties.eventsUri().ifPresent(uri -> parameters.put("eventsUri", uri));
        }
        return parameters;
    }

    /** Blocks until the JVM is asked to stop (or the maximum duration passed); returns the exit code. */
    public int run() throws Exception {
        ClassLoader appLoader = ZreplDaemon.class.getClassLoader();
        ClassLoader loader = libs.classLoader(appLoader);
        libs.dirs().forEach(dir -> LOG.info("lib directory {}: {} jar(s)", dir,
                libs.jars().stream().filter(j -> j.getParent().equals(dir)).count()));
        properties.file().ifPresent(f -> LOG.info("properties file {}", f));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Camel's threads (Quartz, thread pools) are created from this one and inherit it
        thread.setContextClassLoader(loader);
        try {
            return run(new DaemonMain(loader));
        } finally {
            // The lib class loader stays open: threads that a component's client started (and that outlive the
            // context) may still load classes from it while the JVM exits.
            thread.setContextClassLoader(previous);
        }
    }

    private int run(Main main) throws Exception {
        // set once the job routes are installed; signals, status and JMX read the jobs from it
        AtomicReference<JobRoutes> installed = new AtomicReference<>();
        JobSignalHandler signals = new JobSignalHandler(() -> Optional.ofNullable(installed.get())
                .map(r -> new JobSignalHandler.Jobs(r.jobTypes(), r.signals())));
        StatusHandler status = new StatusHandler(() -> Optional.ofNullable(installed.get())
                .map(JobRoutes::statusSources), Clock.systemUTC(), System.getenv());
        // throws (the daemon does not start) when another daemon listens there or the path is unusable
        ControlServer control = ControlServer.start(config.global().controlSockpath(), status.orElse(signals));
        MetricsServer metricsServer = null;
        try {
            Optional<Monitoring.Prometheus> prometheus = prometheus();
            Optional<DaemonMetrics> metrics = prometheus.map(p -> new DaemonMetrics(Instant.now()));
            if (metrics.isPresent()) {
                metricsServer = startMetrics(prometheus.get(), metrics.get());
            }
            return run(main, control, installed, signals, metrics);
        } finally {
            stopSignals(installed.get());
            control.close();
            if (metricsServer != null) {
                metricsServer.close();
            }
        }
    }

    private Optional<Monitoring.Prometheus> prometheus() {
        return config.global().monitoring().stream()
                .filter(Monitoring.Prometheus.class::isInstance).map(Monitoring.Prometheus.class::cast).findFirst();
    }

    /** Binds {@code global.monitoring}'s listener before any job runs: a port in use stops the start. */
    private static MetricsServer startMetrics(Monitoring.Prometheus p, DaemonMetrics metrics) throws IOException {
        if (p.listenFreebind()) {
            LOG.warn("global.monitoring: listen_freebind is not supported for the prometheus listener; it binds {}"
                    + " without it", p.listen());
        }
        String host = p.listen().host();
        InetSocketAddress address = host.isEmpty() ? new InetSocketAddress(p.listen().port())
                : new InetSocketAddress(host, p.listen().port());
        return MetricsServer.start(address, metrics::scrape);
    }

    private int run(Main main, ControlServer control, AtomicReference<JobRoutes> installed,
            JobSignalHandler signals, Optional<DaemonMetrics> metrics) throws Exception {
        properties.camelLocation().ifPresent(main::setPropertyPlaceholderLocations);
        Map<String, String> parameters = templateParameters();
        main.configure()
                .withName(CONTEXT_NAME)
                .withJmxEnabled(true)
                .withRoutesIncludePattern(routesIncludePattern())
                .withShutdownTimeout(30);
        if (maxDurationSeconds > 0) {
            // camel-main stops at once for any value it is given that is not positive, -1 included
            main.configure().withDurationMaxSeconds((int) maxDurationSeconds);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                CamelContext context = m.getCamelContext();
                JobRoutes routes = new JobRoutes(context, Clock.systemUTC(), ZoneId.systemDefault(), parameters);
                metrics.ifPresent(daemonMetrics -> {
                    routes.observeRuns(daemonMetrics);
                    // every route's exchanges, counted by camel-micrometer into the same registry
                    MicrometerRoutePolicyFactory policies = new MicrometerRoutePolicyFactory();
                    policies.setMeterRegistry(daemonMetrics.registry());
                    context.addRoutePolicyFactory(policies);
                });
                try {
                    routes.install(config);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the job routes: " + e.getMessage(), e);
                }
                installed.set(routes);
                // one MBean per job next to Camel's own (docs/jmx.md), its operations answered like the socket's
                List<ObjectName> mbeans = JobControl.register(routes.statusSources(), signals);
                context.addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStopped(CamelContext ctx) {
                        // the runs in flight have ended (their waiters know); a wakeup not started now never will
                        stopSignals(installed.get());
                        control.close();
                        JobControl.unregister(mbeans);
                    }
                });
            }
        });
        main.run();
        return main.getExitCode();
    }

    private static void stopSignals(JobRoutes routes) {
        if (routes != null) {
            routes.signals().values().forEach(JobSignals::stopped);
        }
    }

    /**
     * camel-main whose CamelContext resolves classes and resources through the lib class loader: component
     * discovery ({@code META-INF/services/org/apache/camel/component/<scheme>}), configurers, type-converter
     * loaders and {@code #class:} beans all go through the context's application context class loader. It is
     * set on the new context before camel-main builds or configures it.
     */
    private static final class DaemonMain extends Main {

        private final ClassLoader loader;

        DaemonMain(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        protected CamelContext createCamelContext() {
            CamelContext context = super.createCamelContext();
            context.setApplicationContextClassLoader(loader);
            return context;
        }
    }
}
