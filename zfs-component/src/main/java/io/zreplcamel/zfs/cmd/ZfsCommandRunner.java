package io.zreplcamel.zfs.cmd;

import io.zreplcamel.zfs.error.CommandCancelledException;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsErrorClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts zfs/zpool processes. Every process gets {@code LC_ALL=C}, concurrent draining of stdout
 * and stderr (a process that fills one pipe while we read the other cannot deadlock), a bounded stderr capture, a
 * timeout that SIGKILLs it, and cancellation: interrupting the waiting thread or closing the runner kills it.
 * Failures become typed exceptions (see {@link ZfsErrorClassifier}). Every spawn is counted.
 *
 * <p>Thread-safe; one runner per configuration is meant to be shared.
 */
public final class ZfsCommandRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZfsCommandRunner.class);
    private static final int COPY_BUFFER = 64 * 1024;

    private final RunnerSettings settings;
    private final ProcessCounter counter = new ProcessCounter();
    private final Set<RunningCommand> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ZfsCommandRunner(RunnerSettings settings) {
        this.settings = settings;
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** Processes this runner spawned. {@link ProcessCounter#global()} counts those of all runners. */
    public ProcessCounter counter() {
        return counter;
    }

    /** Processes of this runner still running (streams in flight, commands being waited for). */
    public int activeCount() {
        // onExit callbacks run asynchronously; do not count a process that has already exited
        active.removeIf(rc -> !rc.isAlive());
        return active.size();
    }

    /**
     * Runs a command to completion and returns its output.
     *
     * @throws ZfsCommandException (typed) when it exits non-zero, times out, is cancelled or cannot start
     */
    public CommandResult run(Command command) {
        CommandResult result = runAllowingFailure(command);
        if (result.exitCode() != 0) {
            throw ZfsErrorClassifier.classify(result.argv(), result.exitCode(), result.stderr());
        }
        return result;
    }

    /**
     * Runs a command to completion and returns its output whatever the exit code (for probes such as usage texts).
     * Still throws for timeouts, cancellation and start failures.
     */
    public CommandResult runAllowingFailure(Command command) {
        RunningCommand rc = start(command, effectiveTimeout(command), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] overflow = new boolean[1];
        Future<?> stdoutDrain = IoThreads.drainers().submit(() -> drainStdout(rc.stdout(), out, overflow));
        feedStdin(rc, command.stdin());
        int exit;
        try {
            exit = rc.waitFor();
        } catch (InterruptedException e) {
            rc.kill("calling thread interrupted");
            Thread.currentThread().interrupt();
            throw new CommandCancelledException("calling thread interrupted", rc.argv(), rc.stderrSoFar());
        }
        RunningCommand.awaitQuietly(stdoutDrain);
        String stderr = rc.stderr();
        LOG.debug("exited {} with {} after {} ms", rc, exit, rc.elapsed().toMillis());
        if (rc.killReason() != null) {
            throw rc.failure(exit);
        }
        if (overflow[0]) {
            throw new ZfsCommandException("stdout exceeded the limit of " + settings.maxStdoutBytes() + " bytes",
                    rc.argv(), exit, stderr);
        }
        byte[] stdout;
        synchronized (out) {
            stdout = out.toByteArray();
        }
        return new CommandResult(rc.argv(), exit, stdout, stderr, rc.elapsed());
    }

    /**
     * Starts a process for streaming: the caller reads {@link RunningCommand#stdout()} or writes
     * {@link RunningCommand#stdin()}, and must eventually wait for it or kill it. Stderr is drained and bounded.
     * Only an explicit {@link Command#timeout()} applies (streams run as long as they transfer).
     */
    public RunningCommand startStream(Command command) {
        return start(command, command.timeout(), null);
    }

    /**
     * Starts a streaming process whose stdin is opened from {@code stdinFile} (by this JVM, before the process
     * starts) instead of a pipe to the JVM. With {@code /proc/<pid>/fd/1} of a running {@code zfs send} this
     * connects two processes directly, as {@code zfs send | zfs receive} does.
     *
     * @throws CommandStartException when the file cannot be opened (e.g. the other process already exited)
     */
    public RunningCommand startStreamReadingFrom(Command command, java.io.File stdinFile) {
        return start(command, command.timeout(), stdinFile);
    }

    /** Kills every process this runner started that still runs; later starts fail. */
    @Override
    public void close() {
        closed = true;
        for (RunningCommand rc : active) {
            rc.kill("runner closed");
        }
    }

    private RunningCommand start(Command command, Duration timeout, java.io.File stdinFile) {
        List<String> argv = command.argv(settings.binary(command.tool()));
        if (closed) {
            throw new CommandCancelledException("runner closed", argv, "");
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (stdinFile != null) {
            pb.redirectInput(stdinFile);
        }
        pb.environment().putAll(settings.environment());
        // The parsers and the error classifier expect C-locale messages and numbers.
        pb.environment().put("LC_ALL", "C");
        LOG.debug("starting {}", io.zreplcamel.zfs.error.CommandLines.format(argv));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new CommandStartException(argv, e);
        }
        counter.record(command.tool(), command.verb());
        ProcessCounter.global().record(command.tool(), command.verb());
        BoundedCapture stderr = new BoundedCapture(settings.stderrCaptureBytes());
        Future<?> stderrDrain = IoThreads.drainers().submit(() -> drainInto(process.getErrorStream(), stderr));
        RunningCommand rc = new RunningCommand(argv, process, stderr, stderrDrain, timeout);
        active.add(rc);
        process.onExit().thenRun(() -> active.remove(rc));
        rc.armTimeout();
        if (closed) {
            rc.kill("runner closed");
        }
        return rc;
    }

    private Duration effectiveTimeout(Command command) {
        return command.timeout() != null ? command.timeout() : settings.defaultTimeout();
    }

    private void feedStdin(RunningCommand rc, byte[] bytes) {
        if (bytes == null) {
            closeQuietly(rc.stdin());
            return;
        }
        IoThreads.drainers().submit(() -> {
            try (OutputStream in = rc.stdin()) {
                in.write(bytes);
            } catch (IOException e) {
                // The process exited without reading all of it; its exit code tells the story.
            }
        });
    }

    private void drainStdout(InputStream in, ByteArrayOutputStream out, boolean[] overflow) {
        byte[] buf = new byte[COPY_BUFFER];
        long limit = settings.maxStdoutBytes();
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    if (out.size() + (long) n > limit) {
                        overflow[0] = true; // keep draining so the process can finish, but keep nothing more
                    } else {
                        out.write(buf, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // Pipe closed under us (process killed); what we have is what there is.
        }
    }

    private static void drainInto(InputStream in, BoundedCapture capture) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                capture.write(buf, 0, n);
            }
        } catch (IOException e) {
            // as above
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to flush
        }
    }
}
