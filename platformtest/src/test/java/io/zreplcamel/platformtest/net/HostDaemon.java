package io.zreplcamel.platformtest.net;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.platformtest.replication.DaemonProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The zrepl-camel daemon running in a {@link Host}: a {@link DaemonProcess} JVM started through {@code nsenter},
 * with its config ({@code zrepl.yml}), control socket, run events and log in its work dir. Signals go through the
 * CLI in the test's JVM over that control socket (a path in the shared file system, reachable from any network
 * namespace), as an admin on that host would send them.
 */
public final class HostDaemon {

    /** The outcome of one CLI command. */
    public record Cli(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + (out.isBlank() ? "" : ", stdout: " + out.strip())
                    + (err.isBlank() ? "" : ", stderr: " + err.strip());
        }
    }

    private final Host host;
    private final Path config;
    private final Path sockpath;
    private final DaemonProcess process;

    private HostDaemon(Host host, Path config, Path sockpath, DaemonProcess process) {
        this.host = host;
        this.config = config;
        this.sockpath = sockpath;
        this.process = process;
    }

    static HostDaemon start(Host host, Path workDir, String jobsYaml, Map<String, String> env) {
        if (jobsYaml.lines().anyMatch(l -> l.startsWith("global:"))) {
            throw new IllegalArgumentException("give only the jobs: the daemon's global section is written here");
        }
        // a directory the daemon creates itself: it refuses a socket directory others can enter
        Path sock = workDir.resolve("run/control");
        try {
            Path config = Files.writeString(workDir.resolve("zrepl.yml"), """
                    global:
                      control:
                        sockpath: "%s"
                    """.formatted(sock) + jobsYaml);
            DaemonProcess p = DaemonProcess.start(host.command(List.of()), env, config,
                    workDir.resolve("events.jsonl"), workDir.resolve("daemon.log"));
            System.out.println("daemon in " + host + ": pid " + p.process().pid() + ", work dir " + workDir);
            return new HostDaemon(host, config, sock, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the daemon in " + host, e);
        }
    }

    public Host host() {
        return host;
    }

    public Path config() {
        return config;
    }

    public DaemonProcess process() {
        return process;
    }

    /**
     * Waits until the daemon listens on TCP {@code port} in its host (a sink or source job's serve); fails with its
     * log when it exits or does not listen in time. Reads the socket table of the daemon's network namespace
     * through {@code /proc/<pid>/net} (no process per probe: under emulation each costs the starting JVMs time).
     */
    public void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listensOn(port)) {
            if (!process.process().isAlive()) {
                throw new AssertionError(this + " exited with " + process.process().exitValue()
                        + " before it listened on " + port + "; log:\n" + tailOfLog());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(this + " does not listen on " + port + " after " + timeout + "; log:\n"
                        + tailOfLog());
            }
            Thread.sleep(250);
        }
    }

    private boolean listensOn(int port) {
        String localPort = String.format(":%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.process().pid()), "net",
                        table))) {
                    // sl local_address rem_address st ...; st 0A is LISTEN
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(localPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // the process is gone (checked by the caller) or has no such table
            }
        }
        return false;
    }

    private String tailOfLog() {
        try {
            return process.tail();
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Everything the daemon wrote so far (its log goes to stderr). */
    public String log() {
        try {
            return process.logText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run events published so far, parsed. */
    public List<Map<String, Object>> events() throws IOException {
        return process.events().stream().map(HostDaemon::json).toList();
    }

    /**
     * Waits until {@code job} published at least {@code n} run events (daemons here run several jobs); returns
     * that job's events.
     */
    public List<Map<String, Object>> awaitRuns(String job, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Map<String, Object>> runs = events().stream().filter(e -> job.equals(e.get("job"))).toList();
            if (runs.size() >= n) {
                return runs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + runs.size() + " of " + n + " runs of " + job + " within " + timeout
                        + "; log:\n" + tailOfLog());
            }
            Thread.sleep(250);
        }
    }

    /** How long the log is now: a mark for {@link #logSince}. */
    public int logMark() {
        return log().length();
    }

    /** What the daemon wrote after {@code mark}. */
    public String logSince(int mark) {
        return log().substring(mark);
    }

    /** Waits until the daemon wrote {@code text} after {@code mark}; fails with the log's tail. */
    public void awaitLog(int mark, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logSince(mark).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("\"" + text + "\" not in the log of " + this + " within " + timeout
                        + "; log:\n" + tailOfLog());
            }
            Thread.sleep(250);
        }
    }

    /** {@code zrepl-camel signal VERB JOB} (no waiting), e.g. {@code signal("reset", "push")}. */
    public Cli signal(String verb, String job) {
        return cli("signal", verb, job, "--config", config.toString());
    }

    /**
     * {@code zrepl-camel signal wakeup JOB --wait}: returns when the woken run ended. While the daemon is still
     * starting (no control socket yet, or its jobs not installed yet) the signal is sent again.
     */
    public Cli wakeupAndWait(String job, Duration startTimeout) throws Exception {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            boolean starting = !Files.exists(sockpath);
            Cli c = null;
            if (!starting) {
                c = cli("signal", "wakeup", job, "--wait", "--config", config.toString());
                starting = c.exit != 0 && c.err.contains("still starting");
            }
            if (!starting) {
                return c;
            }
            if (!process.process().isAlive()) {
                throw new AssertionError("daemon in " + host + " exited with " + process.process().exitValue()
                        + "; log:\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("daemon in " + host + " not ready for signals after " + startTimeout
                        + (c == null ? "" : " (" + c + ")") + "; log:\n" + process.tail());
            }
            Thread.sleep(300);
        }
    }

    /** The CLI in this JVM, as an admin would run it next to the daemon. */
    public static Cli cli(String... args) {
        var cmd = ZreplCamelCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** SIGTERM, then SIGKILL if it does not end within a minute. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @Override
    public String toString() {
        return "daemon in " + host + " (" + config + ")";
    }
}
