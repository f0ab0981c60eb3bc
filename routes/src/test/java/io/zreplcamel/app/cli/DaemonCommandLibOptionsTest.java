package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daemon --lib DIR} and {@code --properties FILE} that do not exist are usage errors found before the
 * daemon starts (a daemon that started anyway would run until the timeout ends the test).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DaemonCommandLibOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingLibDirectoryIsAUsageError() throws Exception {
        Path config = Files.writeString(dir.resolve("zrepl.yml"), "jobs: []\n");
        CliRun r = CliRun.of("daemon", "--config", config.toString(), "--lib", dir.toString(), "--lib",
                dir.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("zrepl-camel daemon: " + dir.resolve("nope") + ": not a directory\n");
    }

    @Test
    void aMissingPropertiesFileIsAUsageError() throws Exception {
        Path config = Files.writeString(dir.resolve("zrepl.yml"), "jobs: []\n");
        CliRun r = CliRun.of("daemon", "--config", config.toString(), "--properties",
                dir.resolve("app.properties").toString());
        assertThat(r.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("zrepl-camel daemon: " + dir.resolve("app.properties") + ": not a file\n");
    }

    @Test
    void helpNamesTheBundledComponentsAndSendsTheRestToLib() {
        CliRun r = CliRun.of("daemon", "--help");
        assertThat(r.exit()).isZero();
        // the option texts as written (the usage text wraps lines at dots)
        String help = ZreplCamelCli.commandLine().getSubcommands().get("daemon").getCommandSpec().options().stream()
                .map(o -> String.join(" ", o.description())).reduce("", (a, b) -> a + " " + b)
                + r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("Bundled components: log, file", "--lib=DIR", "/usr/share/zrepl-camel/lib",
                "ZREPL_CAMEL_LIB", "--properties=FILE", "/etc/zrepl-camel/application.properties",
                "zrepl.events.uri");
        assertThat(help).as("no kafka: example that the jar cannot run").doesNotContain("kafka:zrepl");
    }
}
