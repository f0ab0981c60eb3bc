package io.zreplcamel.app.daemon;

import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * The long-running process: a camel-main application whose routes come from YAML files, either the bundled
 * ones ({@code classpath:zrepl-routes/*.yaml}) or an admin's directory. camel-main installs the shutdown hook
 * that stops the context gracefully on SIGTERM/SIGINT.
 */
public final class ZreplDaemon {

    public static final String BUNDLED_ROUTES = "classpath:zrepl-routes/*.yaml";
    public static final String CONTEXT_NAME = "zrepl";

    private final Path routesDir;

    /** @param routesDir directory of {@code *.yaml} routes, or null for the bundled routes */
    public ZreplDaemon(Path routesDir) {
        this.routesDir = routesDir;
    }

    public String routesIncludePattern() {
        if (routesDir == null) {
            return BUNDLED_ROUTES;
        }
        return "file:" + routesDir.toAbsolutePath().normalize() + "/*.yaml";
    }

    /** Blocks until the JVM is asked to stop; returns the process exit code. */
    public int run() throws Exception {
        Main main = new Main();
        main.configure()
                .withName(CONTEXT_NAME)
                .withJmxEnabled(true)
                .withRoutesIncludePattern(routesIncludePattern())
                .withShutdownTimeout(30);
        main.run();
        return main.getExitCode();
    }
}
