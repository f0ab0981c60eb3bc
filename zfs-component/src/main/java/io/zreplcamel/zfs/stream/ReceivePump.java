package io.zreplcamel.zfs.stream;

import io.zreplcamel.zfs.cmd.RunningCommand;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies a send stream into the stdin of a running {@code zfs receive}, in bounded chunks, and decides whose error
 * it was when something breaks:
 *
 * <ul>
 * <li>reading the source fails (e.g. {@code zfs send} exited non-zero): {@code zfs receive} is killed and the
 *     source's error is thrown ({@link ZfsStreamException#zfsFailure()} when it came from a send process);</li>
 * <li>{@code zfs receive} dies (non-zero exit) while we wait for the source, or writing to it fails: the source is
 *     closed (which kills a {@link ZfsSendStream}'s process) and the receive's typed error is thrown;</li>
 * <li>end of source: stdin is closed and the receive's exit status decides.</li>
 * </ul>
 *
 * Whatever happens, both processes are gone and the source is closed when this returns.
 */
public final class ReceivePump {

    /** Chunk size; a pipe transfers at most 64 KiB per syscall, a larger buffer only saves loop iterations. */
    static final int CHUNK = 256 * 1024;

    private ReceivePump() {
    }

    /** Returns the number of bytes copied. */
    public static long pump(InputStream source, RunningCommand recv) {
        AtomicBoolean copying = new AtomicBoolean(true);
        AtomicBoolean receiverDiedFirst = new AtomicBoolean(false);
        // A receive that fails early must not wait for the next chunk of a slow (or stuck) sender: close the
        // source at once so that our blocked read returns and the sender is killed.
        recv.onExit().thenRun(() -> {
            if (copying.get() && recv.exitCode() != 0) {
                receiverDiedFirst.set(true);
                closeQuietly(source);
            }
        });
        long copied = 0;
        byte[] buf = new byte[CHUNK];
        OutputStream sink = recv.stdin();
        try {
            while (true) {
                int n;
                try {
                    n = source.read(buf);
                } catch (IOException readError) {
                    if (receiverDiedFirst.get()) {
                        throw receiverFailure(recv);
                    }
                    recv.kill("the send stream failed");
                    awaitExit(recv);
                    throw sourceFailure(readError, recv);
                }
                if (n < 0) {
                    break;
                }
                try {
                    sink.write(buf, 0, n);
                } catch (IOException writeError) {
                    closeQuietly(source);
                    throw receiverFailureAfterWrite(recv, writeError);
                }
                copied += n;
            }
            try {
                sink.close();
            } catch (IOException closeError) {
                throw receiverFailureAfterWrite(recv, closeError);
            }
            int exit = awaitExit(recv);
            if (exit != 0 || recv.killReason() != null) {
                throw recv.failure(exit);
            }
            return copied;
        } finally {
            copying.set(false);
            closeQuietly(source);
            closeQuietly(sink);
            recv.kill("receive pump finished abnormally");
        }
    }

    private static ZfsCommandException receiverFailure(RunningCommand recv) {
        return recv.failure(awaitExit(recv));
    }

    private static ZfsException receiverFailureAfterWrite(RunningCommand recv, IOException e) {
        int exit = awaitExit(recv);
        if (exit != 0 || recv.killReason() != null) {
            return recv.failure(exit);
        }
        return new ZfsException("zfs receive exited before the end of the stream (" + e.getMessage() + "): "
                + io.zreplcamel.zfs.error.CommandLines.format(recv.argv()), e);
    }

    private static ZfsException sourceFailure(IOException readError, RunningCommand recv) {
        if (readError instanceof ZfsStreamException zse) {
            return zse.zfsFailure();
        }
        return new ZfsException("reading the stream for " + io.zreplcamel.zfs.error.CommandLines.format(recv.argv())
                + " failed: " + readError.getMessage(), readError);
    }

    private static int awaitExit(RunningCommand recv) {
        boolean interrupted = false;
        while (true) {
            try {
                int exit = recv.waitFor();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return exit;
            } catch (InterruptedException e) {
                // Finish reaping: leaving a half-fed zfs receive behind would be worse than a late interrupt.
                interrupted = true;
                recv.kill("calling thread interrupted");
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
