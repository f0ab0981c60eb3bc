package io.zreplcamel.app.cli;

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
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zrepl-camel version}: our version, the Java and Camel versions, and OpenZFS's when {@code zfs} is present. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the zrepl-camel, Java, Camel and (when zfs is installed) OpenZFS versions.")
public final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        out.println("zrepl-camel " + BuildInfo.version());
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println("camel " + runtimeCamelVersion());
        out.println("openzfs " + openZfsVersion().orElse("not found (no zfs command on PATH)"));
        out.flush();
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
