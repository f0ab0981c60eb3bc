package io.zreplcamel.zfs.cmd;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the runner starts processes.
 *
 * @param zfsBinary          path or name (looked up on PATH) of {@code zfs}
 * @param zpoolBinary        path or name of {@code zpool}
 * @param defaultTimeout     limit for commands that do not set their own; {@link Duration#ZERO} for none. Streams
 *                           ({@code send}/{@code receive}) never get this default, only an explicit timeout.
 * @param stderrCaptureBytes how much stderr is kept per process (head and tail), like zrepl's 32 KiB ring
 * @param maxStdoutBytes     a command printing more than this to stdout fails instead of exhausting the heap
 *                           (does not apply to send streams, which are never buffered)
 * @param environment        extra environment variables; {@code LC_ALL=C} is always set on top so that
 *                           messages and numbers have the format the parsers expect
 * @param drainGrace         how long to wait after a command exited for its pipes to reach end of file; output
 *                           still not read then fails the command ({@code IncompleteOutputException})
 * @param remoteShell        empty: zfs runs on this host. Otherwise the argv of a remote shell (e.g. {@code ssh ...
 *                           user@host}) to which each command is appended as one shell-quoted command line, with
 *                           {@code LC_ALL=C} in front (the environment of this JVM does not travel over ssh)
 */
public record RunnerSettings(String zfsBinary, String zpoolBinary, Duration defaultTimeout, int stderrCaptureBytes,
        long maxStdoutBytes, Map<String, String> environment, Duration drainGrace, List<String> remoteShell) {

    /** Budget for one local argv (Linux ARG_MAX is usually 2 MiB, shared with the environment). */
    static final int LOCAL_ARGV_BUDGET = 1024 * 1024;
    /**
     * Budget for one remote command: the remote shell gets the whole command line as one argument of
     * {@code sh -c}, and Linux limits a single argument to 128 KiB (MAX_ARG_STRLEN); quoting adds 3 bytes a word.
     */
    static final int REMOTE_ARGV_BUDGET = 96 * 1024;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final int DEFAULT_STDERR_CAPTURE = 32 * 1024;
    public static final long DEFAULT_MAX_STDOUT = 256L * 1024 * 1024;

    public RunnerSettings {
        Objects.requireNonNull(zfsBinary, "zfsBinary");
        Objects.requireNonNull(zpoolBinary, "zpoolBinary");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(drainGrace, "drainGrace");
        if (zfsBinary.isBlank() || zpoolBinary.isBlank()) {
            throw new IllegalArgumentException("zfs/zpool binary must not be blank");
        }
        if (defaultTimeout.isNegative() || drainGrace.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + defaultTimeout + " / " + drainGrace);
        }
        if (stderrCaptureBytes < 2 || maxStdoutBytes < 1) {
            throw new IllegalArgumentException("capture limits must be positive");
        }
        environment = Map.copyOf(environment);
        remoteShell = List.copyOf(remoteShell);
    }

    /** The 7-field form (zfs on this host). */
    public RunnerSettings(String zfsBinary, String zpoolBinary, Duration defaultTimeout, int stderrCaptureBytes,
            long maxStdoutBytes, Map<String, String> environment, Duration drainGrace) {
        this(zfsBinary, zpoolBinary, defaultTimeout, stderrCaptureBytes, maxStdoutBytes, environment, drainGrace,
                List.of());
    }

    /** Runs every command through {@code shell} on another host (see {@link #remoteShell()}). */
    public RunnerSettings withRemoteShell(List<String> shell) {
        return new RunnerSettings(zfsBinary, zpoolBinary, defaultTimeout, stderrCaptureBytes, maxStdoutBytes,
                environment, drainGrace, shell);
    }

    public boolean isRemote() {
        return !remoteShell.isEmpty();
    }

    /** How many argv bytes one command may have (names are batched to stay below it). */
    public int argvBudget() {
        return isRemote() ? REMOTE_ARGV_BUDGET : LOCAL_ARGV_BUDGET;
    }

    /** {@code zfs} and {@code zpool} from PATH, 30 min timeout, 32 KiB stderr, 256 MiB stdout, 5 s drain grace. */
    public static RunnerSettings defaults() {
        return new RunnerSettings("zfs", "zpool", DEFAULT_TIMEOUT, DEFAULT_STDERR_CAPTURE, DEFAULT_MAX_STDOUT,
                Map.of(), ProcessSpec.DEFAULT_DRAIN_GRACE);
    }

    public RunnerSettings withZfsBinary(String path) {
        return new RunnerSettings(path, zpoolBinary, defaultTimeout, stderrCaptureBytes, maxStdoutBytes, environment,
                drainGrace, remoteShell);
    }

    public RunnerSettings withZpoolBinary(String path) {
        return new RunnerSettings(zfsBinary, path, defaultTimeout, stderrCaptureBytes, maxStdoutBytes, environment,
                drainGrace, remoteShell);
    }

    public RunnerSettings withDefaultTimeout(Duration timeout) {
        return new RunnerSettings(zfsBinary, zpoolBinary, timeout, stderrCaptureBytes, maxStdoutBytes, environment,
                drainGrace, remoteShell);
    }

    public RunnerSettings withStderrCaptureBytes(int bytes) {
        return new RunnerSettings(zfsBinary, zpoolBinary, defaultTimeout, bytes, maxStdoutBytes, environment,
                drainGrace, remoteShell);
    }

    public RunnerSettings withMaxStdoutBytes(long bytes) {
        return new RunnerSettings(zfsBinary, zpoolBinary, defaultTimeout, stderrCaptureBytes, bytes, environment,
                drainGrace, remoteShell);
    }

    public RunnerSettings withEnvironment(Map<String, String> env) {
        return new RunnerSettings(zfsBinary, zpoolBinary, defaultTimeout, stderrCaptureBytes, maxStdoutBytes, env,
                drainGrace, remoteShell);
    }

    public RunnerSettings withDrainGrace(Duration grace) {
        return new RunnerSettings(zfsBinary, zpoolBinary, defaultTimeout, stderrCaptureBytes, maxStdoutBytes,
                environment, grace, remoteShell);
    }

    String binary(Tool tool) {
        return tool == Tool.ZFS ? zfsBinary : zpoolBinary;
    }
}
