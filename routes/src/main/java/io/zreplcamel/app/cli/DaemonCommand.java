package io.zreplcamel.app.cli;

import io.zreplcamel.app.daemon.ZreplDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zrepl-camel daemon}: run the Camel context with the job routes until SIGTERM/SIGINT. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Run the daemon: load the YAML routes and run them until SIGTERM or SIGINT.")
public final class DaemonCommand implements Callable<Integer> {

    private static volatile boolean runningDaemon;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--routes", paramLabel = "DIR",
            description = "Directory of YAML route files to load instead of the bundled ones.")
    Path routesDir;

    @Override
    public Integer call() throws Exception {
        if (routesDir != null && !Files.isDirectory(routesDir)) {
            spec.commandLine().getErr().println("zrepl-camel daemon: --routes " + routesDir + ": not a directory");
            return ZreplCamelCli.EXIT_USAGE;
        }
        runningDaemon = true;
        return new ZreplDaemon(routesDir).run();
    }

    static boolean isRunningDaemon() {
        return runningDaemon;
    }
}
