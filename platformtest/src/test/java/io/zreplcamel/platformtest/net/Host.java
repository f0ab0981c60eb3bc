package io.zreplcamel.platformtest.net;

import io.zreplcamel.platformtest.Sh;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One host of {@link TwoHosts}: a network namespace with one address on its end of the veth pair. Commands run in
 * it through {@code nsenter --net=/run/netns/<name>}, which changes only the network namespace: {@code ip netns
 * exec} would also remount {@code /sys} in a mount namespace of its own, hiding the shared ZFS mounts. What is
 * started here in the background is stopped by {@link TwoHosts#close()}.
 */
public final class Host {

    private final String namespace;
    private final String veth;
    private final String address;
    private final List<Process> started = new ArrayList<>();
    private final List<HostDaemon> daemons = new ArrayList<>();

    Host(String namespace, String veth, String address) {
        this.namespace = namespace;
        this.veth = veth;
        this.address = address;
    }

    /** The network namespace's name ({@code ip netns list}). */
    public String namespace() {
        return namespace;
    }

    /** This host's end of the veth pair, inside its namespace. */
    public String veth() {
        return veth;
    }

    /** The host's IPv4 address on the link. */
    public String address() {
        return address;
    }

    /** {@code command} prefixed so that it runs in this host's network namespace. */
    public List<String> command(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace, "--"));
        cmd.addAll(command);
        return cmd;
    }

    /** Runs a command in this host; fails when it exits non-zero. */
    public Sh.Result run(String... command) {
        return Sh.run(command(List.of(command)));
    }

    /** Runs a command in this host and returns its result whatever the exit code. */
    public Sh.Result exec(String... command) {
        return Sh.exec(command(List.of(command)));
    }

    /** Starts a command in this host in the background, its output appended to {@code log}. */
    public synchronized Process start(Path log, String... command) {
        try {
            Process p = new ProcessBuilder(command(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + List.of(command) + " in " + this, e);
        }
    }

    /**
     * Starts the zrepl-camel daemon in this host, in a JVM of its own, with {@code jobsYaml} (the config's
     * {@code jobs:} section) and its own control socket in {@code workDir}.
     */
    public HostDaemon startDaemon(Path workDir, String jobsYaml) {
        return startDaemon(workDir, jobsYaml, Map.of());
    }

    /** As {@link #startDaemon(Path, String)}, with {@code env} added to the daemon's environment. */
    public synchronized HostDaemon startDaemon(Path workDir, String jobsYaml, Map<String, String> env) {
        HostDaemon d = HostDaemon.start(this, workDir, jobsYaml, env);
        daemons.add(d);
        return d;
    }

    /** Whether something listens on TCP {@code port} in this host (any address). */
    public boolean listening(int port) {
        return !exec("ss", "-Hltn", "sport = :" + port).check().stdout().isBlank();
    }

    /**
     * Waits until something listens on TCP {@code port} in this host. Probes the namespace's socket table (no
     * connection is made, so a listener that logs refused clients logs nothing).
     */
    public void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing listens on port " + port + " in " + this + " after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** Stops the daemons (SIGTERM, then SIGKILL) and the other background processes started here. */
    synchronized void stopAll(List<String> problems) {
        for (HostDaemon d : daemons) {
            try {
                d.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while stopping " + d);
            }
        }
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted while stopping pid " + p.pid() + " in " + this);
            }
        }
        daemons.clear();
        started.clear();
    }

    /** Kills with SIGKILL whatever else still runs in the namespace (children of stopped processes). */
    void killRemaining(List<String> problems) {
        Sh.Result pids = Sh.exec("ip", "netns", "pids", namespace);
        if (!pids.ok()) {
            return; // no such namespace (creation failed early)
        }
        for (String pid : pids.lines()) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(h -> {
                System.out.println("killing pid " + h.pid() + " left in " + this + ": "
                        + h.info().commandLine().orElse("?"));
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    problems.add("pid " + h.pid() + " in " + this + " did not end after SIGKILL: " + e);
                }
            });
        }
    }

    @Override
    public String toString() {
        return namespace + " (" + address + ")";
    }
}
