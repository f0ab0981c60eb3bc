package io.zreplcamel.zfs.stream;

import io.zreplcamel.zfs.cmd.RunningCommand;
import io.zreplcamel.zfs.error.ZfsCommandException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdout of a running {@code zfs send}, read straight from the pipe (never buffered beyond one read).
 *
 * <ul>
 * <li>At end of stream it waits for the process: a non-zero exit turns the final read into a
 *     {@link ZfsStreamException} carrying the typed error, so a truncated stream is never mistaken for a complete
 *     one.</li>
 * <li>{@link #close()} before the end SIGKILLs {@code zfs send} (it may be blocked in the kernel writing to the
 *     full pipe), closes the read end and reaps it; that kill is not an error. Closing is idempotent and may come
 *     from another thread (e.g. when the receiving side died).</li>
 * <li>Reads after close fail with "stream closed".</li>
 * </ul>
 *
 * Linux's pipe is 64 KiB by default; zrepl enlarges it with {@code F_SETPIPE_SZ}, which Java cannot do without
 * native code. Reads are passed straight through with the caller's buffer, so the JVM adds one copy per chunk.
 */
public final class ZfsSendStream extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(ZfsSendStream.class);
    private static final Duration REAP_WAIT = Duration.ofSeconds(30);

    private enum State { OPEN, HANDED_OFF, COMPLETED, FAILED, CLOSED }

    private final RunningCommand process;
    private volatile InputStream pipe;
    private volatile State state = State.OPEN;
    private volatile ZfsCommandException failure;
    private long bytesRead;

    public ZfsSendStream(RunningCommand process) {
        this.process = process;
        this.pipe = process.stdout();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        switch (state) {
            case CLOSED:
                throw new IOException("zfs send stream closed");
            case COMPLETED:
                return -1;
            case FAILED:
                throw new ZfsStreamException(failure);
            case HANDED_OFF:
                throw new IOException("zfs send stream is connected directly to zfs receive");
            default:
                break;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = pipe.read(b, off, len);
        } catch (IOException e) {
            if (state == State.CLOSED) {
                throw new IOException("zfs send stream closed", e);
            }
            // The pipe broke under us: the process is gone, its exit status is the real story.
            return finish(e);
        }
        if (n < 0) {
            return finish(null);
        }
        bytesRead += n;
        return n;
    }

    private int finish(IOException readError) throws IOException {
        int exit;
        try {
            if (!process.waitFor(REAP_WAIT)) {
                process.kill("send stream ended but zfs send did not exit");
                exit = process.waitFor();
            } else {
                exit = process.exitCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for zfs send to exit", e);
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IOException("zfs send stream closed");
            }
            if (exit == 0 && process.killReason() == null && readError == null) {
                state = State.COMPLETED;
                LOG.debug("send stream of {} complete, {} bytes", process, bytesRead);
                return -1;
            }
            failure = process.failure(exit);
            state = State.FAILED;
        }
        throw new ZfsStreamException(failure);
    }

    /**
     * Hands the untouched pipe to another process: returns the path that process should open as its stdin
     * ({@code /proc/<pid>/fd/1} of {@code zfs send}, which on Linux opens a new reader of the same pipe), or empty
     * when the stream was already read from, closed, or {@code zfs send} already exited. Once the other process
     * runs, call {@link #releaseJvmReader()}; if it could not be started, {@link #cancelHandOff()} and read on.
     *
     * <p>Two races are closed here. The JDK drains an exited child's stdout into memory (its reaper thread calls the
     * pipe stream's synchronized {@code processExited()}), which would steal the last bytes from the other reader:
     * holding that stream's monitor, the process is checked to be alive and its stream closed, so the drain can
     * never run. And the pipe never loses its last reader (which would kill {@code zfs send} with SIGPIPE): a reader
     * of our own, opened through {@code /proc}, is held until the other process has its own.
     */
    public synchronized Optional<java.io.File> handOff() {
        if (state != State.OPEN || bytesRead > 0) {
            return Optional.empty();
        }
        java.io.File fd = new java.io.File("/proc/" + process.pid() + "/fd/1");
        InputStream processPipe = process.stdout();
        synchronized (processPipe) {
            if (!process.isAlive()) {
                return Optional.empty();
            }
            InputStream ownReader;
            try {
                ownReader = new java.io.FileInputStream(fd);
            } catch (IOException e) {
                return Optional.empty();
            }
            try {
                processPipe.close();
            } catch (IOException ignored) {
                // our own reader keeps the pipe
            }
            pipe = ownReader;
        }
        state = State.HANDED_OFF;
        return Optional.of(fd);
    }

    /** The other process could not be started: the stream is read here again (from our own reader). */
    public synchronized void cancelHandOff() {
        if (state == State.HANDED_OFF) {
            state = State.OPEN;
        }
    }

    /** Closes this JVM's reader once the other process has its own. */
    public void releaseJvmReader() {
        try {
            pipe.close();
        } catch (IOException ignored) {
            // the other reader keeps the pipe alive
        }
    }

    /** Records the end of a handed-off transfer. */
    synchronized void finishHandOff(ZfsCommandException sendFailure) {
        if (state != State.HANDED_OFF) {
            return;
        }
        if (sendFailure == null) {
            state = State.COMPLETED;
        } else {
            failure = sendFailure;
            state = State.FAILED;
        }
    }

    /** Kills {@code zfs send} if the stream was not read to its end; always releases the pipe. */
    @Override
    public void close() {
        boolean kill;
        synchronized (this) {
            kill = state == State.OPEN || state == State.HANDED_OFF;
            if (kill) {
                state = State.CLOSED;
            }
        }
        if (kill) {
            process.kill("send stream closed before its end");
        }
        try {
            pipe.close();
        } catch (IOException ignored) {
            // the fd is released either way
        }
        if (kill) {
            try {
                process.waitFor(REAP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int available() throws IOException {
        return state == State.OPEN ? pipe.available() : 0;
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** True once the whole stream was read and {@code zfs send} exited 0. */
    public boolean completed() {
        return state == State.COMPLETED;
    }

    /** The send's failure, once known. */
    public Optional<ZfsCommandException> failure() {
        return Optional.ofNullable(failure);
    }

    public List<String> command() {
        return process.argv();
    }

    public RunningCommand process() {
        return process;
    }

    @Override
    public String toString() {
        return "ZfsSendStream[" + process + ", " + state + ", " + bytesRead + " bytes]";
    }
}
