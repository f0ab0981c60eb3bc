package io.zreplcamel.zfs.cmd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process for the {@link ProcessRunner}: any executable, not only zfs.
 *
 * @param argv        the executable and its arguments, as they appear in messages
 * @param environment variables added to the JVM's environment
 * @param timeout     how long the process may run, counted from its start; {@link Duration#ZERO} for no limit
 * @param stdin       where standard input comes from
 * @param stdout      where stdout is drained to, or null when the caller reads {@link RunningCommand#stdout()}
 *                    itself (a send stream)
 * @param stderr      where stderr is drained to (always drained, so a chatty process cannot block on it)
 * @param ownSession  start the process as the leader of a new session and process group (through util-linux
 *                    {@code setsid}, so its pid is also its session and group id), and end every process of that
 *                    session when the leader exits or is killed; for arbitrary commands such as hooks, whose
 *                    background children must not outlive them
 * @param killGrace   when killing: ZERO sends SIGKILL to the process tree at once (a {@code zfs send} blocked in
 *                    the kernel reacts to nothing gentler); otherwise SIGTERM to the whole session, then SIGKILL
 *                    to what is left after this grace. A grace needs {@code ownSession}.
 * @param drainGrace  how long to wait, after the exit (and the session's end), for the pipes to reach end of
 *                    file; a pipe still open then means a process outside our reach holds it, and the output
 *                    counts as incomplete
 */
public record ProcessSpec(List<String> argv, Map<String, String> environment, Duration timeout, Stdin stdin,
                          OutputSink stdout, OutputSink stderr, boolean ownSession, Duration killGrace,
                          Duration drainGrace) {

    public static final Duration DEFAULT_DRAIN_GRACE = Duration.ofSeconds(5);

    public ProcessSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a process needs an executable");
        }
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(killGrace, "killGrace");
        Objects.requireNonNull(drainGrace, "drainGrace");
        if (timeout.isNegative() || killGrace.isNegative() || drainGrace.isNegative()) {
            throw new IllegalArgumentException("negative duration in " + argv);
        }
        if (!killGrace.isZero() && !ownSession) {
            throw new IllegalArgumentException("a kill grace needs the process in its own session");
        }
    }

    /** No extra environment, no timeout, stdin closed, stdout left to the caller, SIGKILL, 5 s drain grace. */
    public static ProcessSpec of(List<String> argv, OutputSink stderr) {
        return new ProcessSpec(argv, Map.of(), Duration.ZERO, Stdin.closed(), null, stderr, false, Duration.ZERO,
                DEFAULT_DRAIN_GRACE);
    }

    public ProcessSpec withEnvironment(Map<String, String> env) {
        return new ProcessSpec(argv, env, timeout, stdin, stdout, stderr, ownSession, killGrace, drainGrace);
    }

    public ProcessSpec withTimeout(Duration d) {
        return new ProcessSpec(argv, environment, d, stdin, stdout, stderr, ownSession, killGrace, drainGrace);
    }

    public ProcessSpec withStdin(Stdin in) {
        return new ProcessSpec(argv, environment, timeout, in, stdout, stderr, ownSession, killGrace, drainGrace);
    }

    public ProcessSpec withStdout(OutputSink out) {
        return new ProcessSpec(argv, environment, timeout, stdin, out, stderr, ownSession, killGrace, drainGrace);
    }

    /** In its own session; killed with SIGTERM, then SIGKILL after {@code grace}. */
    public ProcessSpec inOwnSession(Duration grace) {
        return new ProcessSpec(argv, environment, timeout, stdin, stdout, stderr, true, grace, drainGrace);
    }

    public ProcessSpec withDrainGrace(Duration d) {
        return new ProcessSpec(argv, environment, timeout, stdin, stdout, stderr, ownSession, killGrace, d);
    }
}
