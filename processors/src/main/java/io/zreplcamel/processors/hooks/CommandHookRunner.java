package io.zreplcamel.processors.hooks;

import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.values.GoDuration;
import io.zreplcamel.zfs.cmd.ProcessResult;
import io.zreplcamel.zfs.cmd.ProcessRunner;
import io.zreplcamel.zfs.cmd.ProcessSpec;
import io.zreplcamel.zfs.cmd.Stdin;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code command} hooks as processes through the zfs layer's {@link ProcessRunner}: no arguments, stdin from
 * {@code /dev/null}, the daemon's environment plus the {@code ZREPL_*} variables, stdout lines logged at INFO and
 * stderr lines at WARN (message "hook output"), both kept together in a bounded buffer.
 *
 * <p>Each hook runs in a session and process group of its own (started through util-linux {@code setsid}). When
 * it exits, whatever it left running in that session (a {@code sleep 1000 &}) gets SIGTERM, and SIGKILL after the
 * kill grace; when it outlives its timeout, the whole session is ended the same way. So no process of a hook
 * survives it, and no thread stays blocked on a pipe one of them holds open. A hook whose output could still not
 * be read to its end (a process that left the session holds the pipe) fails.
 */
public final class CommandHookRunner implements HookInvoker, AutoCloseable {

    /** zrepl's default for {@code ZREPL_MAX_HOOK_LOG_SIZE}. */
    public static final int MAX_OUTPUT_BYTES = 1 << 20;
    /** Between SIGTERM and SIGKILL for a hook's session. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CommandHookRunner.class);
    private static final File DEV_NULL = new File("/dev/null");

    private final int maxOutputBytes;
    private final Duration killGrace;
    private final ProcessRunner processes = new ProcessRunner();

    public CommandHookRunner() {
        this(maxOutputFromEnvironment());
    }

    public CommandHookRunner(int maxOutputBytes) {
        this(maxOutputBytes, DEFAULT_KILL_GRACE);
    }

    public CommandHookRunner(int maxOutputBytes, Duration killGrace) {
        if (killGrace.isZero() || killGrace.isNegative()) {
            throw new IllegalArgumentException("kill grace must be positive: " + killGrace);
        }
        this.maxOutputBytes = maxOutputBytes;
        this.killGrace = killGrace;
    }

    private static int maxOutputFromEnvironment() {
        String v = System.getenv("ZREPL_MAX_HOOK_LOG_SIZE");
        if (v == null || v.isBlank()) {
            return MAX_OUTPUT_BYTES;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n > 0 ? n : MAX_OUTPUT_BYTES;
        } catch (NumberFormatException e) {
            return MAX_OUTPUT_BYTES;
        }
    }

    @Override
    public HookOutcome invoke(Hook hook, Map<String, String> env) {
        if (!(hook instanceof Hook.Command command)) {
            return HookOutcome.failed("hook type " + hook.type() + " is not supported", "", env);
        }
        return run(command.path(), command.timeout(), env);
    }

    /**
     * Runs {@code path} with {@code env} added to the environment; after {@code timeout} its session is ended
     * (SIGTERM, then SIGKILL after the kill grace).
     */
    public HookOutcome run(String path, Duration timeout, Map<String, String> env) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("hook timeout must be positive: " + timeout);
        }
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        ProcessSpec spec = ProcessSpec.of(List.of(path), new HookOutputLines(output, true, path))
                .withStdout(new HookOutputLines(output, false, path))
                .withEnvironment(env)
                .withTimeout(timeout)
                .withStdin(Stdin.file(DEV_NULL))
                .inOwnSession(killGrace);
        ProcessResult r;
        try {
            r = processes.run(spec);
        } catch (IOException e) {
            return HookOutcome.failed("fork/exec " + path + ": " + startFailureReason(e), "", env);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HookOutcome.failed("interrupted", output.text(), env);
        } catch (IllegalStateException e) {
            return HookOutcome.failed("hook runner closed", "", env);
        }
        if (r.leftBehind() > 0) {
            LOG.warn("hook {} left {} process(es) running when it exited; they were ended", path, r.leftBehind());
        }
        // Go's *exec.ExitError text; 128+n is how the JVM reports death by signal n
        int exit = r.exitCode();
        String why = exit > 128 && exit < 160 ? "signal: " + signalName(exit - 128) : "exit status " + exit;
        if (r.timedOut()) {
            return HookOutcome.failed("timed out after " + GoDuration.format(timeout) + ": " + why, output.text(),
                    env);
        }
        if (r.killReason().isPresent()) {
            return HookOutcome.failed("killed (" + r.killReason().get() + "): " + why, output.text(), env);
        }
        if (r.incomplete().isPresent()) {
            return HookOutcome.failed("output not fully read (" + r.incomplete().get() + ")", output.text(), env);
        }
        if (exit != 0) {
            return HookOutcome.failed(why, output.text(), env);
        }
        return HookOutcome.ok(output.text(), env);
    }

    /** Ends the sessions of hooks still running (daemon shutdown); later hooks fail to start. */
    @Override
    public void close() {
        processes.close();
    }

    private static String startFailureReason(IOException e) {
        String msg = String.valueOf(e.getMessage());
        int i = msg.indexOf("error=");
        if (i >= 0) {
            int comma = msg.indexOf(", ", i);
            return comma >= 0 ? msg.substring(comma + 2).toLowerCase(java.util.Locale.ROOT) : msg.substring(i);
        }
        return msg;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 2 -> "interrupt";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
    }
}
