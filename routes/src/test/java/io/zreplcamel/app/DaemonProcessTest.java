package io.zreplcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the daemon as a real process (as an admin would): it loads routes from {@code --routes DIR}, a Quartz
 * timer fires, and SIGTERM stops it cleanly.
 */
class DaemonProcessTest {

    @TempDir
    Path routes;

    @Test
    void loadsRoutesFromDirectoryFiresQuartzAndStopsOnSigterm() throws Exception {
        Files.writeString(routes.resolve("tick.yaml"), """
                - route:
                    id: admin-tick
                    from:
                      uri: quartz:test/tick
                      parameters:
                        cron: "* * * * * ?"
                      steps:
                        - log:
                            message: "tick-marker from admin route"
                """);
        Path config = Files.writeString(routes.resolveSibling(routes.getFileName() + "-zrepl.yml"),
                "global: {control: {sockpath: \"" + routes.resolveSibling(routes.getFileName() + "-run")
                        .resolve("control") + "\"}}\njobs: []\n");
        Process p = startCli("daemon", "--config", config.toString(), "--routes", routes.toString());
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> pump = CompletableFuture.runAsync(() -> collect(p, lines));
        try {
            waitFor(() -> lines.stream().anyMatch(l -> l.contains("tick-marker from admin route")), 90, lines);
            // Process.destroy() would also close our end of the pipes; send the signal as an init system does.
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("daemon stops after SIGTERM").isTrue();
            pump.get(10, TimeUnit.SECONDS);
            // 143 = 128 + SIGTERM: the JVM reports the signal after camel-main's graceful stop.
            assertThat(p.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
            assertThat(lines).anyMatch(l -> l.contains("triggered by SIGTERM"));
            assertThat(lines).anyMatch(l -> l.contains("(zrepl) shutdown in"));
            // The heartbeat route is bundled; an admin directory replaces the bundled set.
            assertThat(lines).noneMatch(l -> l.contains("zrepl-heartbeat"));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void missingRoutesDirectoryIsAUsageError() throws Exception {
        Process p = startCli("daemon", "--routes", routes.resolve("nope").toString());
        List<String> lines = new CopyOnWriteArrayList<>();
        collect(p, lines);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(lines).anyMatch(l -> l.contains("nope") && l.contains("not a directory"));
    }

    private static Process startCli(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ZreplCamelCli.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void collect(Process p, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reader failed: " + e + ")");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, int seconds, List<String> lines)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + "s; output:\n" + String.join("\n", lines));
            }
            Thread.sleep(200);
        }
    }
}
