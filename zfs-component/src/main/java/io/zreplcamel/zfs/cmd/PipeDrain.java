package io.zreplcamel.zfs.cmd;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Copies one pipe of a process into a sink on a pool thread until end of file, and tells afterwards whether it got
 * there. While it reads, the thread is named after the process and pipe ({@code proc-1234-stdout}), so a thread
 * dump shows whose pipe a blocked reader waits on.
 */
final class PipeDrain {

    private static final int BUFFER = 64 * 1024;

    private final String label;
    /** Completes with empty when the pipe reached end of file, else with why not. */
    private final CompletableFuture<Optional<String>> done = new CompletableFuture<>();

    private PipeDrain(String label) {
        this.label = label;
    }

    static PipeDrain start(InputStream in, OutputSink sink, long pid, String pipe) {
        PipeDrain d = new PipeDrain(pipe);
        IoThreads.drainers().execute(() -> d.copy(in, sink, "proc-" + pid + "-" + pipe));
        return d;
    }

    private void copy(InputStream in, OutputSink sink, String threadName) {
        Thread self = Thread.currentThread();
        String poolName = self.getName();
        self.setName(threadName);
        Optional<String> problem = Optional.empty();
        try (in) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sink.write(buf, 0, n);
            }
            sink.end();
        } catch (IOException e) {
            problem = Optional.of(label + ": reading failed: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            problem = Optional.of(label + ": drain failed: " + e);
        } finally {
            self.setName(poolName);
            done.complete(problem);
        }
    }

    /** Finished already (end of file or failure)? */
    boolean finished() {
        return done.isDone();
    }

    /**
     * Waits at most {@code grace} for the end; returns why the output is incomplete, or empty when the pipe was
     * read to its end.
     */
    Optional<String> await(Duration grace) throws InterruptedException {
        try {
            return done.get(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of(label + ": still open " + grace.toMillis()
                    + " ms after the process ended (a process outside its reach holds the pipe)");
        } catch (ExecutionException e) {
            return Optional.of(label + ": drain failed: " + e.getCause());
        }
    }
}
