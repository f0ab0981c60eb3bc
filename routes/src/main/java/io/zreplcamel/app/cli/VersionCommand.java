package io.zreplcamel.app.cli;

import io.zreplcamel.app.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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

    /** First lines of {@code zfs version} (userland and kernel module), joined; empty when zfs is absent. */
    static Optional<String> openZfsVersion() {
        try {
            Process p = new ProcessBuilder("zfs", "version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("unknown (zfs version timed out)");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim().replace('\n', ' ');
            return Optional.of(p.exitValue() == 0 ? text : "unknown (zfs version failed: " + text + ")");
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
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
