package io.zreplcamel.zfs.cmd;

import io.zreplcamel.zfs.error.CommandCancelledException;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.CommandTimeoutException;
import io.zreplcamel.zfs.error.IncompleteOutputException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsErrorClassifier;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs zfs and zpool through a {@link ProcessRunner} with what zfs needs on top: {@code LC_ALL=C} (the parsers and
 * the error classifier expect C-locale messages and numbers), the binaries' configured paths, a default timeout,
 * a bounded stderr capture, a stdout limit, SIGKILL as the only kill, typed exceptions (see
 * {@link ZfsErrorClassifier}) and a count of every spawn. Output that was not read to its end (limit exceeded, a
 * read failed, a pipe stayed open) fails the command: a partial result is never returned as a complete one.
 *
 * <p>Thread-safe; one runner per configuration is meant to be shared.
 */
public final class ZfsCommandRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZfsCommandRunner.class);

    private final RunnerSettings settings;
    private final ProcessCounter counter = new ProcessCounter();
    private final ProcessRunner processes = new ProcessRunner();

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
        return processes.activeCount();
    }

    /**
     * Runs a command to completion and returns its output.
     *
     * @throws ZfsCommandException (typed) when it exits non-zero, times out, is cancelled, cannot start or its
     *                             output was not read completely
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
     * Still throws for timeouts, cancellation, start failures and incomplete output.
     */
    public CommandResult runAllowingFailure(Command command) {
        CollectedOutput stdout = new CollectedOutput(settings.maxStdoutBytes());
        BoundedCapture stderr = new BoundedCapture(settings.stderrCaptureBytes());
        ProcessSpec spec = spec(command, effectiveTimeout(command), stderr).withStdout(stdout)
                .withStdin(command.stdin() == null ? Stdin.closed() : Stdin.bytes(command.stdin()));
        List<String> argv = spec.argv();
        RunningCommand rc = startCounted(command, spec);
        ProcessResult r;
        try {
            r = processes.await(rc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandCancelledException("calling thread interrupted", argv, stderr.text());
        }
        LOG.debug("exited pid {} ({}) with {} after {} ms", r.pid(), command, r.exitCode(), r.elapsed().toMillis());
        if (r.timedOut()) {
            throw new CommandTimeoutException(spec.timeout(), argv, stderr.text());
        }
        if (r.killReason().isPresent()) {
            throw new CommandCancelledException(r.killReason().get(), argv, stderr.text());
        }
        if (stdout.overflowed()) {
            throw new ZfsCommandException("stdout exceeded the limit of " + settings.maxStdoutBytes() + " bytes",
                    argv, r.exitCode(), stderr.text());
        }
        if (r.incomplete().isPresent()) {
            throw new IncompleteOutputException(r.incomplete().get(), argv, r.exitCode(), stderr.text());
        }
        return new CommandResult(argv, r.exitCode(), stdout.bytes(), stderr.text(), r.elapsed());
    }

    /**
     * Starts a process for streaming: the caller reads {@link RunningCommand#stdout()} or writes
     * {@link RunningCommand#stdin()}, and must eventually wait for it or kill it. Stderr is drained and bounded.
     * Only an explicit {@link Command#timeout()} applies (streams run as long as they transfer).
     */
    public RunningCommand startStream(Command command) {
        return startStreaming(command, Stdin.pipe());
    }

    /**
     * Starts a streaming process whose stdin is opened from {@code stdinFile} (by this JVM, before the process
     * starts) instead of a pipe to the JVM. With {@code /proc/<pid>/fd/1} of a running {@code zfs send} this
     * connects two processes directly, as {@code zfs send | zfs receive} does.
     *
     * @throws CommandStartException when the file cannot be opened (e.g. the other process already exited)
     */
    public RunningCommand startStreamReadingFrom(Command command, File stdinFile) {
        return startStreaming(command, Stdin.file(stdinFile));
    }

    /** Kills every process this runner started that still runs; later starts fail. */
    @Override
    public void close() {
        processes.close();
    }

    private RunningCommand startStreaming(Command command, Stdin stdin) {
        Duration timeout = command.timeout() == null ? Duration.ZERO : command.timeout();
        ProcessSpec spec = spec(command, timeout, new BoundedCapture(settings.stderrCaptureBytes()))
                .withStdin(stdin);
        return startCounted(command, spec);
    }

    private RunningCommand startCounted(Command command, ProcessSpec spec) {
        if (processes.isClosed()) {
            throw new CommandCancelledException("runner closed", spec.argv(), "");
        }
        RunningCommand rc;
        try {
            rc = processes.start(spec);
        } catch (IOException e) {
            throw new CommandStartException(spec.argv(), e);
        } catch (IllegalStateException e) {
            throw new CommandCancelledException("runner closed", spec.argv(), "");
        }
        counter.record(command.tool(), command.verb());
        ProcessCounter.global().record(command.tool(), command.verb());
        return rc;
    }

    private ProcessSpec spec(Command command, Duration timeout, BoundedCapture stderr) {
        Map<String, String> env = new HashMap<>(settings.environment());
        // The parsers and the error classifier expect C-locale messages and numbers.
        env.put("LC_ALL", "C");
        List<String> argv = command.argv(settings.binary(command.tool()));
        if (settings.isRemote()) {
            argv = RemoteCommandLine.wrap(settings.remoteShell(), argv);
        }
        return ProcessSpec.of(argv, stderr).withEnvironment(env)
                .withTimeout(timeout).withDrainGrace(settings.drainGrace());
    }

    private Duration effectiveTimeout(Command command) {
        return command.timeout() != null ? command.timeout() : settings.defaultTimeout();
    }
}
