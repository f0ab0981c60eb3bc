package io.zreplcamel.processors.hooks;

import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.values.GoDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code command} hooks as processes: no arguments, the daemon's environment plus the {@code ZREPL_*}
 * variables, stdout lines logged at INFO and stderr lines at WARN (message "hook output"), both kept together in
 * a bounded buffer. A hook that outlives its timeout is killed together with every process it started, so a
 * hook script's children cannot hold the snapshot run hostage.
 */
public final class CommandHookRunner implements HookInvoker {

    /** zrepl's default for {@code ZREPL_MAX_HOOK_LOG_SIZE}. */
    public static final int MAX_OUTPUT_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CommandHookRunner.class);
    private static final Duration READER_GRACE = Duration.ofSeconds(5);

    private final int maxOutputBytes;

    public CommandHookRunner() {
        this(maxOutputFromEnvironment());
    }

    public CommandHookRunner(int maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
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

    /** Runs {@code path} with {@code env} added to the environment, killing it after {@code timeout}. */
    public HookOutcome run(String path, Duration timeout, Map<String, String> env) {
        BoundedOutput output = new BoundedOutput(maxOutputBytes);
        ProcessBuilder pb = new ProcessBuilder(path);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return HookOutcome.failed("fork/exec " + path + ": " + startFailureReason(e), "", env);
        }
        Thread out = pump(process.getInputStream(), output, false, path);
        Thread err = pump(process.getErrorStream(), output, true, path);
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                killTree(process);
                process.waitFor();
            }
            out.join(READER_GRACE.toMillis());
            err.join(READER_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return HookOutcome.failed("interrupted", output.text(), env);
        }
        if (timedOut) {
            return HookOutcome.failed("timed out after " + GoDuration.format(timeout) + ": signal: killed",
                    output.text(), env);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            // Go's *exec.ExitError text; 128+n is how the JVM reports death by signal n
            String why = exit > 128 && exit < 160 ? "signal: " + signalName(exit - 128) : "exit status " + exit;
            return HookOutcome.failed(why, output.text(), env);
        }
        return HookOutcome.ok(output.text(), env);
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

    /** Kills the process and everything it started; children first so none is re-parented and missed. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, BoundedOutput output, boolean stderr, String path) {
        Thread t = new Thread(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    output.write(buf, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            logLine(line, stderr, path);
                        } else if (line.size() < 64 * 1024) {
                            line.write(buf[i]);
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its end: nothing more to read
            }
            if (line.size() > 0) {
                logLine(line, stderr, path);
            }
        }, "hook-" + (stderr ? "stderr" : "stdout"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void logLine(ByteArrayOutputStream line, boolean stderr, String path) {
        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
        line.reset();
        if (stderr) {
            LOG.warn("hook output command={} stderr={}", path, text);
        } else {
            LOG.info("hook output command={} stdout={}", path, text);
        }
    }
}
