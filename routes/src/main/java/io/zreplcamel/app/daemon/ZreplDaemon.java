package io.zreplcamel.app.daemon;

import io.zreplcamel.app.jobs.JobRoutes;
import io.zreplcamel.config.ZreplConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The long-running process: a camel-main application whose routes and route templates come from YAML files,
 * either the bundled ones ({@code classpath:zrepl-routes/*.yaml}) or an admin's directory. Once they are loaded,
 * every job of the config becomes a route from its kind's template. camel-main installs the shutdown hook that
 * stops the context gracefully on SIGTERM/SIGINT.
 */
public final class ZreplDaemon {

    public static final String BUNDLED_ROUTES = "classpath:zrepl-routes/*.yaml";
    public static final String CONTEXT_NAME = "zrepl";

    private final Path routesDir;
    private final ZreplConfig config;
    private final Map<String, String> templateOverrides;
    private long maxDurationSeconds = -1;

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

    /** Blocks until the JVM is asked to stop (or the maximum duration passed); returns the exit code. */
    public int run() throws Exception {
        Main main = new Main();
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
                try {
                    new JobRoutes(m.getCamelContext(), Clock.systemUTC(), ZoneId.systemDefault(), templateOverrides)
                            .install(config);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the job routes: " + e.getMessage(), e);
                }
            }
        });
        main.run();
        return main.getExitCode();
    }
}
