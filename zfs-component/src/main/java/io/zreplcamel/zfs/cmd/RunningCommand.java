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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started process whose stderr (and, for {@link ProcessRunner#run}, stdout) is being drained in the background.
 * Streams ({@code zfs send}, {@code zfs receive}) use its stdout/stdin directly.
 *
 * <p>Killing depends on the {@link ProcessSpec}: without a kill grace it is SIGKILL of the process and its
 * descendants, because a {@code zfs send} blocked in the kernel on a full pipe does not react to anything gentler.
 * A process in its own session gets SIGTERM for the whole session, and SIGKILL for whatever is left after the
 * grace; that reaches children that were re-parented when their parent exited.
 */
public final class RunningCommand {

    private final ProcessSpec spec;
    private final Process process;
    private final PipeDrain stderrDrain;
    private final PipeDrain stdoutDrain;
    private final Instant started;
    private volatile ScheduledFuture<?> timeoutTask;
    private volatile String killReason;
    private volatile boolean timedOut;
    /** When SIGTERM went to the session (nanoTime), or 0 before; SIGKILL follows at this + grace. */
    private volatile long terminatedAtNanos;

    RunningCommand(ProcessSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
        this.started = Instant.now();
        this.stderrDrain = PipeDrain.start(process.getErrorStream(), spec.stderr(), process.pid(), "stderr");
        this.stdoutDrain = spec.stdout() == null ? null
                : PipeDrain.start(process.getInputStream(), spec.stdout(), process.pid(), "stdout");
    }

    void armTimeout() {
        Duration timeout = spec.timeout();
        if (!timeout.isZero()) {
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
        return spec.argv();
    }

    public long pid() {
        return process.pid();
    }

    ProcessSpec spec() {
        return spec;
    }

    /** The process's stdout (a send stream); only when the spec leaves stdout to the caller. */
    public InputStream stdout() {
        if (stdoutDrain != null) {
            throw new IllegalStateException("stdout of " + this + " is drained by the runner");
        }
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
     * Kills the process (see the class comment for how), remembering why, so that its end is reported as
     * cancellation or timeout rather than as its own failure. Idempotent; returns at once (the SIGKILL after a
     * grace is scheduled). A no-op after a normal exit, except that a session's remaining processes are ended.
     */
    public void kill(String reason) {
        if (!spec.ownSession()) {
            if (!process.isAlive()) {
                return;
            }
            recordReason(reason);
            // Descendants first: they can be enumerated only while their parent is alive.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return;
        }
        if (process.isAlive()) {
            recordReason(reason);
        }
        if (terminateSession()) {
            IoThreads.timers().schedule(() -> IoThreads.drainers().execute(this::killSession),
                    spec.killGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void recordReason(String reason) {
        if (killReason == null) {
            killReason = reason;
        }
    }

    /** SIGTERM to the whole session, once; true the first time. */
    private synchronized boolean terminateSession() {
        if (terminatedAtNanos != 0) {
            return false;
        }
        terminatedAtNanos = System.nanoTime();
        List<Long> members = ProcessSessions.livingMembers(process.pid());
        if (spec.killGrace().isZero()) {
            ProcessSessions.signal(members, true);
            process.destroyForcibly();
        } else {
            ProcessSessions.signal(members, false);
            process.destroy();
        }
        return true;
    }

    /** SIGKILL to the session until nothing of it is left (bounded: a fork bomb must not hold us forever). */
    private void killSession() {
        process.destroyForcibly();
        for (int round = 0; round < 100; round++) {
            List<Long> members = ProcessSessions.livingMembers(process.pid());
            if (members.isEmpty()) {
                return;
            }
            ProcessSessions.signal(members, true);
            sleepQuietly(20); // even when interrupted: the loop is bounded and must finish the job
        }
    }

    /**
     * After the leader exited: ends what is left of its session (SIGTERM, up to the kill grace, SIGKILL) and waits
     * until it is gone. Returns how many processes were left. Does nothing for a process without its own session.
     */
    int endSession() {
        if (!spec.ownSession()) {
            return 0;
        }
        List<Long> left = ProcessSessions.livingMembers(process.pid());
        if (left.isEmpty()) {
            return 0;
        }
        terminateSession();
        long killAt = terminatedAtNanos + spec.killGrace().toNanos();
        while (System.nanoTime() < killAt && !ProcessSessions.livingMembers(process.pid()).isEmpty()) {
            if (!sleepQuietly(20)) {
                break; // interrupted: no more grace
            }
        }
        killSession();
        return left.size();
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
        return spec.stderr().text();
    }

    /** Stderr after the process exited: waits up to the drain grace for the drainer to reach end of file. */
    public String stderr() {
        try {
            stderrDrain.await(spec.drainGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return spec.stderr().text();
    }

    /**
     * After the exit: waits (one drain grace for both pipes together) until stdout and stderr reached end of file.
     * Returns why they did not, or empty when all output was read.
     */
    Optional<String> awaitOutput() throws InterruptedException {
        long deadline = System.nanoTime() + spec.drainGrace().toNanos();
        Optional<String> out = stdoutDrain == null ? Optional.empty() : stdoutDrain.await(spec.drainGrace());
        Optional<String> err = stderrDrain.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return out.isPresent() ? out : err;
    }

    public Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    /**
     * For a zfs/zpool process: the exception for its end: timeout or cancellation when we killed it, otherwise the
     * classified zfs error for exit code {@code exit}.
     */
    public ZfsCommandException failure(int exit) {
        String err = stderr();
        if (timedOut) {
            return new CommandTimeoutException(spec.timeout(), argv(), err);
        }
        if (killReason != null) {
            return new CommandCancelledException(killReason, argv(), err);
        }
        return ZfsErrorClassifier.classify(argv(), exit, err);
    }

    /** False when interrupted (the flag is set again). */
    private static boolean sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "pid " + process.pid() + ": " + io.zreplcamel.zfs.error.CommandLines.format(argv());
    }
}
