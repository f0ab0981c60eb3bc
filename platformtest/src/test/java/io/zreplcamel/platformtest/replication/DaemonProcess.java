package io.zreplcamel.platformtest.replication;

import io.zreplcamel.app.daemon.ZreplDaemon;
import io.zreplcamel.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real daemon in a JVM of its own, for tests that must kill it ({@code kill -9}): {@link #start} launches
 * {@link #main} with the platform tests' class path; every run event is appended as one line to a file
 * ({@link DaemonFileEvents}). Unlike {@code snap.RunningDaemon} (in the test's JVM, fast to start) this costs a JVM
 * start, but a SIGKILL then hits only the daemon.
 */
public final class DaemonProcess {

    /** System property naming the events file of the daemon JVM. */
    static final String EVENTS_PROPERTY = "zpt.daemon.events";

    final Process process;
    final Path events;
    final Path log;

    private DaemonProcess(Process process, Path events, Path log) {
        this.process = process;
        this.events = events;
        this.log = log;
    }

    /** The environment variable that raises the daemon's lifetime bound (seconds) for long tests: benchmarks. */
    public static final String MAX_SECONDS_ENV = "ZPT_DAEMON_MAX_SECONDS";
    /** A daemon a test forgot stops by itself after this long. */
    static final long DEFAULT_MAX_SECONDS = 600;

    /** The daemon's entry point: {@code <config> [tickMillis]}. */
    public static void main(String[] args) throws Exception {
        long tick = args.length > 1 ? Long.parseLong(args[1]) : 200;
        String max = System.getenv(MAX_SECONDS_ENV);
        int code = new ZreplDaemon(null, ConfigLoader.load(Path.of(args[0])), Map.of("eventsUri", DaemonFileEvents.URI,
                "tickMillis", Long.toString(tick)))
                .withMaxDurationSeconds(max == null ? DEFAULT_MAX_SECONDS : Long.parseLong(max)).run();
        System.exit(code);
    }

    /** Starts a daemon JVM for {@code config}; its events go to {@code events}, its output to {@code log}. */
    static DaemonProcess start(Path config, Path events, Path log) throws IOException {
        return start(List.of(), Map.of(), config, events, log);
    }

    /**
     * As {@link #start(Path, Path, Path)}, with the java command run through {@code launcher} (e.g. {@code nsenter
     * --net=... --}, which execs it: the process is then the daemon JVM itself) and {@code env} added to the
     * daemon's environment (e.g. {@code ZREPL_REPLICATION_RECONNECT_INTERVAL}).
     */
    public static DaemonProcess start(List<String> launcher, Map<String, String> env, Path config, Path events,
            Path log) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m"));
        cmd.add("-D" + EVENTS_PROPERTY + "=" + events);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(DaemonProcess.class.getName());
        cmd.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        System.out.println("daemon JVM pid " + p.pid() + " started, log " + log);
        return new DaemonProcess(p, events, log);
    }

    /**
     * The test classes and every jar next to the routes jar (platformtest/target/lib holds the whole class path):
     * the console launcher loads the tests through a class loader of its own, so java.class.path is not it.
     */
    private static String classPath() throws IOException {
        try {
            Path testClasses = Path.of(DaemonProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = Path.of(ZreplDaemon.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
            StringBuilder cp = new StringBuilder(testClasses.toString());
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted()
                        .forEach(j -> cp.append(':').append(j));
            }
            return cp.toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** The daemon JVM (or the launcher that execs it). */
    public Process process() {
        return process;
    }

    /** The events written so far, one JSON text each. */
    public List<String> events() throws IOException {
        if (!Files.exists(events)) {
            return List.of();
        }
        return Files.readAllLines(events, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Waits until at least {@code n} events were written; fails with the daemon's log otherwise. */
    public List<String> awaitEvents(int n, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            List<String> e = events();
            if (e.size() >= n) {
                return e;
            }
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited with " + process.exitValue() + " after " + e.size()
                        + " event(s); log:\n" + tail());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + events().size() + " of " + n + " events within " + timeoutSeconds
                + " s; log:\n" + tail());
    }

    public String tail() throws IOException {
        String t = logText();
        return t.length() > 20_000 ? t.substring(t.length() - 20_000) : t;
    }

    /** SIGTERM (camel-main stops gracefully), then SIGKILL if it does not end within a minute. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
