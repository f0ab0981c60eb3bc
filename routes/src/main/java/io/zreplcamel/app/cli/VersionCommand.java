package io.zreplcamel.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.zreplcamel.app.BuildInfo;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel version [--show client|daemon|all]}: our version, the Java and Camel versions, and OpenZFS's
 * when {@code zfs} is present (client, the default); the running daemon's version and pid, asked over its control
 * socket (daemon); both, with a warning when they differ (all, zrepl's default). Exit 1 when the daemon was asked
 * for and cannot be reached.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the zrepl-camel, Java, Camel and (when zfs is installed) OpenZFS versions; with --show"
                + " daemon or all, the running daemon's too.")
public final class VersionCommand implements Callable<Integer> {

    /** Whose version. */
    enum Show { client, daemon, all }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--show", paramLabel = "WHAT", defaultValue = "client",
            description = "client (this program; the default), daemon (the running daemon, over its control socket),"
                    + " all (both).")
    Show show;

    @CommandLine.Mixin
    DaemonConfigOption daemon;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (show != Show.daemon) {
            out.println("zrepl-camel " + BuildInfo.version());
            out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                    + ")");
            out.println("camel " + runtimeCamelVersion());
            out.println("openzfs " + openZfsVersion().orElse("not found (no zfs command on PATH)"));
            out.flush();
        }
        if (show == Show.client) {
            return ZreplCamelCli.EXIT_OK;
        }
        DaemonRequest.Status status = DaemonRequest.status(daemon.config, "", "zrepl-camel version", err);
        if (status.json().isEmpty()) {
            return status.exit();
        }
        JsonNode d = status.json().get().path("daemon");
        String version = d.path("version").asText("unknown");
        out.println("daemon: zrepl-camel " + version + " (pid " + d.path("pid").asText("?") + ", started "
                + d.path("started").asText("?") + ")");
        out.flush();
        if (show == Show.all && !version.equals(BuildInfo.version())) {
            err.println("zrepl-camel version: the daemon runs " + version + ", this program is "
                    + BuildInfo.version() + " (restart the daemon after an upgrade)");
            err.flush();
        }
        return ZreplCamelCli.EXIT_OK;
    }

    /** Camel's version as found on the classpath at run time (not the one we were compiled against). */
    static String runtimeCamelVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream(
                "/META-INF/maven/org.apache.camel/camel-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", BuildInfo.camelVersion());
            }
        } catch (IOException ignored) {
            // fall back to the build-time version below
        }
        return BuildInfo.camelVersion();
    }

    /** {@code zfs version} (userland and kernel module) through the ZFS layer; empty when zfs is absent. */
    static Optional<String> openZfsVersion() {
        Zfs zfs = new Zfs(RunnerSettings.defaults().withDefaultTimeout(Duration.ofSeconds(10)));
        try {
            return Optional.of(zfs.version().toString());
        } catch (CommandStartException e) {
            return Optional.empty();
        } catch (ZfsException e) {
            return Optional.of("unknown (zfs version failed: " + e.getMessage() + ")");
        } finally {
            zfs.close();
        }
    }

    /** Lets {@code zrepl-camel --version} print the same first line as the verb. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"zrepl-camel " + BuildInfo.version()};
        }
    }
}
