package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.app.daemon.DaemonProperties;
import io.zreplcamel.app.daemon.ExtraLibs;
import io.zreplcamel.app.daemon.ZreplDaemon;
import io.zreplcamel.config.ConfigError;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zrepl-camel daemon}: run the jobs of a zrepl.yml as Camel routes until SIGTERM/SIGINT. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run the daemon: turn the config's jobs into routes and run them until SIGTERM or SIGINT.")
public final class DaemonCommand implements Callable<Integer> {

    private static volatile boolean runningDaemon;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "zrepl.yml to run. Without it: /etc/zrepl/zrepl.yml, then /usr/local/etc/zrepl/zrepl.yml.")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR",
            description = "Directory of YAML routes and route templates to load instead of the bundled ones.")
    Path routesDir;

    @Option(names = "--events-uri", paramLabel = "URI",
            description = {"Camel endpoint that receives every job run's event (JSON). Without it: zrepl.events.uri "
                    + "of the properties file, else the log (log:zrepl.events). Bundled components: log, file "
                    + "(e.g. file:/var/lib/zrepl-camel/events, one file per event), "
                    + "seda, direct, bean, class and the rest of Camel's core. Any other component (jms:, kafka:, "
                    + "...) works once its jars and its client's are in a lib directory (--lib); see docs/events.md."})
    String eventsUri;

    @Option(names = "--lib", paramLabel = "DIR",
            description = {"Directory of extra jars (Camel components and their clients) for the daemon's class "
                    + "path; may be given more than once. Always used: /usr/share/zrepl-camel/lib"
                    + " if it exists, and the directories of $" + ExtraLibs.ENV + " (colon-separated)."})
    List<Path> libDirs = new ArrayList<>();

    @Option(names = "--properties", paramLabel = "FILE",
            description = {"camel-main properties file: camel.component.*, camel.beans.* (e.g. a JMS connection "
                    + "factory), zrepl.events.uri. Default: /etc/zrepl-camel/application.properties if it exists."})
    Path propertiesFile;

    @Option(names = "--tick", paramLabel = "MILLIS", defaultValue = "1000",
            description = "How often each job's Quartz timer checks whether a run is due (default ${DEFAULT-VALUE}).")
    long tickMillis;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (routesDir != null && !Files.isDirectory(routesDir)) {
            err.println("zrepl-camel daemon: --routes " + routesDir + ": not a directory");
            return ZreplCamelCli.EXIT_USAGE;
        }
        if (tickMillis < 10) {
            err.println("zrepl-camel daemon: --tick " + tickMillis + ": must be at least 10 ms");
            return ZreplCamelCli.EXIT_USAGE;
        }
        ZreplConfig loaded;
        try {
            loaded = ConfigLoader.load(ConfigcheckCommand.configOrDefault(config), Implemented.strict(false));
        } catch (ConfigException e) {
            err.println("zrepl-camel daemon: not starting, the config has errors:");
            ConfigcheckCommand.printErrors(err, e.errors());
            return ZreplCamelCli.EXIT_USAGE;
        }
        for (ConfigError w : loaded.warnings()) {
            err.println("zrepl-camel daemon: warning: " + w);
        }
        err.flush();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("tickMillis", Long.toString(tickMillis));
        if (eventsUri != null) {
            overrides.put("eventsUri", eventsUri);
        }
        ExtraLibs libs;
        DaemonProperties properties;
        try {
            libs = ExtraLibs.of(ExtraLibs.directories(ExtraLibs.DEFAULT_DIR, System.getenv(ExtraLibs.ENV), libDirs));
            properties = DaemonProperties.locate(propertiesFile, DaemonProperties.DEFAULT_FILE);
        } catch (IllegalArgumentException e) {
            err.println("zrepl-camel daemon: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        }
        runningDaemon = true;
        try {
            return new ZreplDaemon(routesDir, loaded, overrides).withLibs(libs).withProperties(properties).run();
        } catch (io.zreplcamel.app.control.ControlSocketException e) {
            // the control socket (another daemon runs, or its directory is unusable): nothing was started
            runningDaemon = false;
            err.println("zrepl-camel daemon: not starting: " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        }
    }

    static boolean isRunningDaemon() {
        return runningDaemon;
    }
}
