package io.zreplcamel.zfs.cmd;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts processes, zfs or any other executable (hooks). Every process has both pipes drained
 * concurrently (a process that fills one pipe while we wait on the other cannot deadlock), a timeout counted from
 * its start, and cancellation: interrupting the waiting thread or closing the runner kills it. {@link #run} tells
 * whether the output was read to its end; a caller must treat output that was not as a failure. A process can be
 * put into a session of its own ({@link ProcessSpec#ownSession()}), which is ended as a whole when the process
 * exits or is killed. What zfs needs on top ({@code LC_ALL=C}, error classification, spawn counting) is in
 * {@link ZfsCommandRunner}.
 *
 * <p>Thread-safe.
 */
public final class ProcessRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    /** util-linux {@code setsid}; not a group leader (the JVM's children never are), it does not fork. */
    static final String SETSID = findSetsid();

    private final Set<RunningCommand> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Processes still running (streams in flight, commands being waited for). */
    public int activeCount() {
        // onExit callbacks run asynchronously; do not count a process that has already exited
        active.removeIf(rc -> !rc.isAlive());
        return active.size();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Starts a process. The caller reads {@link RunningCommand#stdout()} when the spec has no stdout sink, writes
     * {@link RunningCommand#stdin()} for {@link Stdin#pipe()}, and must eventually wait for it or kill it.
     *
     * @throws IOException           when it cannot start (missing or not executable, argv too long)
     * @throws IllegalStateException when the runner is closed
     */
    public RunningCommand start(ProcessSpec spec) throws IOException {
        if (closed) {
            throw new IllegalStateException("runner closed");
        }
        List<String> argv = spec.argv();
        if (spec.ownSession()) {
            List<String> viaSetsid = new ArrayList<>(argv.size() + 1);
            viaSetsid.add(SETSID);
            // resolved here, so that a missing hook fails to start like any process instead of setsid exiting 127
            viaSetsid.add(resolveExecutable(argv.get(0)));
            viaSetsid.addAll(argv.subList(1, argv.size()));
            argv = viaSetsid;
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(spec.environment());
        if (spec.stdin() instanceof Stdin.FromFile f) {
            pb.redirectInput(f.file());
        }
        LOG.debug("starting {}", io.zreplcamel.zfs.error.CommandLines.format(spec.argv()));
        Process process = pb.start();
        RunningCommand rc = new RunningCommand(spec, process);
        active.add(rc);
        process.onExit().thenRun(() -> active.remove(rc));
        rc.armTimeout();
        feedStdin(rc, spec.stdin());
        if (closed) {
            rc.kill("runner closed");
        }
        return rc;
    }

    /**
     * Runs a process to its end, with stdout and stderr drained into the spec's sinks: waits for the exit, ends
     * what is left of its session, then waits (up to the drain grace) for both pipes to reach end of file.
     *
     * @throws IOException          when it cannot start
     * @throws InterruptedException when the calling thread was interrupted; the process is killed
     */
    public ProcessResult run(ProcessSpec spec) throws IOException, InterruptedException {
        if (spec.stdout() == null || spec.stdin() instanceof Stdin.Pipe) {
            throw new IllegalArgumentException("run needs a stdout sink and stdin the runner provides");
        }
        return await(start(spec));
    }

    /**
     * Waits for a process started with a stdout sink: the exit, the end of its session, then (up to the drain
     * grace) the end of both pipes.
     *
     * @throws InterruptedException when the calling thread was interrupted; the process is killed
     */
    public ProcessResult await(RunningCommand rc) throws InterruptedException {
        int exit;
        int leftBehind;
        Optional<String> incomplete;
        try {
            exit = rc.waitFor();
            leftBehind = rc.endSession();
            incomplete = rc.awaitOutput();
        } catch (InterruptedException e) {
            rc.kill("calling thread interrupted");
            throw e;
        }
        if (leftBehind > 0) {
            LOG.debug("{} left {} process(es) of its session running; they were ended", rc, leftBehind);
        }
        return new ProcessResult(rc.argv(), rc.pid(), exit, rc.elapsed(), Optional.ofNullable(rc.killReason()),
                rc.timedOut(), incomplete, leftBehind);
    }

    /** Kills every process this runner started that still runs; later starts fail. */
    @Override
    public void close() {
        closed = true;
        for (RunningCommand rc : active) {
            rc.kill("runner closed");
        }
    }

    private static void feedStdin(RunningCommand rc, Stdin stdin) {
        if (stdin instanceof Stdin.Closed) {
            closeQuietly(rc.stdin());
        } else if (stdin instanceof Stdin.Bytes b) {
            IoThreads.drainers().execute(() -> {
                try (OutputStream in = rc.stdin()) {
                    in.write(b.bytes());
                } catch (IOException e) {
                    // The process exited without reading all of it; its exit code tells the story.
                }
            });
        }
    }

    /**
     * The executable as {@code execvp} would find it, or the IOException {@link ProcessBuilder#start} throws for a
     * missing or non-executable one (same message format, so callers report both alike).
     */
    static String resolveExecutable(String name) throws IOException {
        if (name.contains("/")) {
            checkExecutable(name, Path.of(name));
            return name;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException("Cannot run program \"" + name + "\": error=2, No such file or directory");
    }

    private static void checkExecutable(String name, Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new IOException("Cannot run program \"" + name + "\": error=2, No such file or directory");
        }
        if (Files.isDirectory(p) || !Files.isExecutable(p)) {
            throw new IOException("Cannot run program \"" + name + "\": error=13, Permission denied");
        }
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return "setsid";
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to flush
        }
    }
}
