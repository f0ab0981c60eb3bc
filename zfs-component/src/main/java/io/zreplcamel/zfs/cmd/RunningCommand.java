package io.zreplcamel.zfs.cmd;

import io.zreplcamel.zfs.error.CommandCancelledException;
import io.zreplcamel.zfs.error.CommandTimeoutException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsErrorClassifier;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A started zfs/zpool process whose stderr is being drained (bounded) in the background. Streams
 * ({@code zfs send}, {@code zfs receive}) use its stdout/stdin directly; ordinary commands are wrapped by
 * {@link ZfsCommandRunner#run}. Killing is always SIGKILL of the process and its descendants, because a
 * {@code zfs send} blocked in the kernel on a full pipe does not react to anything gentler.
 */
public final class RunningCommand {

    /** How long we wait for the stderr drainer after the process exited (a grandchild may hold the pipe). */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final List<String> argv;
    private final Process process;
    private final BoundedCapture stderr;
    private final Future<?> stderrDrain;
    private final Instant started;
    private final Duration timeout;
    private volatile ScheduledFuture<?> timeoutTask;
    private volatile String killReason;
    private volatile boolean timedOut;

    RunningCommand(List<String> argv, Process process, BoundedCapture stderr, Future<?> stderrDrain, Duration timeout) {
        this.argv = List.copyOf(argv);
        this.process = process;
        this.stderr = stderr;
        this.stderrDrain = stderrDrain;
        this.started = Instant.now();
        this.timeout = timeout;
    }

    void armTimeout() {
        if (timeout != null && !timeout.isZero()) {
            timeoutTask = IoThreads.timers().schedule(() -> {
                if (process.isAlive()) {
                    timedOut = true;
                    kill("timeout after " + timeout);
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            process.onExit().thenRun(() -> timeoutTask.cancel(false));
        }
    }

    public List<String> argv() {
        return argv;
    }

    public long pid() {
        return process.pid();
    }

    /** The process's stdout (a send stream, or command output). */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The process's stdin (what {@code zfs receive} reads). */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public Instant started() {
        return started;
    }

    /** Waits for the exit; interruptible. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits at most {@code d}; returns false if the process still runs. */
    public boolean waitFor(Duration d) throws InterruptedException {
        return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exit code; only valid after exit. */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * SIGKILLs the process and its descendants, remembering why (so the exit by signal is reported as
     * cancellation or timeout, not as a zfs error). Idempotent; a no-op after a normal exit.
     */
    public void kill(String reason) {
        if (!process.isAlive()) {
            return;
        }
        if (killReason == null) {
            killReason = reason;
        }
        // Descendants first: they can be enumerated only while their parent is alive.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Why we killed it, or null when it exited by itself. */
    public String killReason() {
        return killReason;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** Stderr so far, without waiting. */
    public String stderrSoFar() {
        return stderr.toString();
    }

    /** Stderr after the process exited: waits briefly for the drainer to reach end of file. */
    public String stderr() {
        awaitQuietly(stderrDrain);
        return stderr.toString();
    }

    public Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    /**
     * The exception for this process's end: timeout or cancellation when we killed it, otherwise the classified zfs
     * error for exit code {@code exit}.
     */
    public ZfsCommandException failure(int exit) {
        String err = stderr();
        if (timedOut) {
            return new CommandTimeoutException(timeout, argv, err);
        }
        if (killReason != null) {
            return new CommandCancelledException(killReason, argv, err);
        }
        return ZfsErrorClassifier.classify(argv, exit, err);
    }

    static void awaitQuietly(Future<?> f) {
        try {
            f.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: what was captured so far is still returned.
        }
    }

    @Override
    public String toString() {
        return "pid " + process.pid() + ": " + io.zreplcamel.zfs.error.CommandLines.format(argv);
    }
}
