package io.zreplcamel.zfs.stream;

import io.zreplcamel.zfs.cmd.RunningCommand;
import io.zreplcamel.zfs.error.CommandCancelledException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Supervises {@code zfs send} and {@code zfs receive} connected directly by the send pipe (no copy through the
 * JVM), and decides whose error it was, whatever order the two processes end in:
 *
 * <ul>
 * <li>the sender failed for a reason of its own (anything but a broken pipe): the receiver is killed and the
 *     sender's error is thrown (a receive that saw the stream end early is a consequence, not the cause);</li>
 * <li>the receiver failed: the sender is killed (it may also have died of the broken pipe) and the receiver's
 *     error is thrown;</li>
 * <li>both exited 0: success.</li>
 * </ul>
 */
public final class DirectPipe {

    /** How long one side may linger after the other finished successfully. */
    static final Duration LINGER = Duration.ofSeconds(60);

    private DirectPipe() {
    }

    /** Waits for the transfer; returns normally only when both processes exited 0. */
    public static void await(ZfsSendStream stream, RunningCommand recv) {
        RunningCommand send = stream.process();
        try {
            CompletableFuture.anyOf(send.onExit(), recv.onExit()).get();
            if (!send.isAlive()) {
                int se = send.exitCode();
                if (failed(send, se) && !brokenPipe(send, se)) {
                    recv.kill("the send stream failed");
                    recv.waitFor();
                    throw fail(stream, send.failure(se));
                }
                int re = awaitOrKill(recv, "zfs send had finished");
                if (failed(recv, re)) {
                    stream.finishHandOff(null);
                    throw recv.failure(re);
                }
                if (failed(send, se)) {
                    throw fail(stream, send.failure(se));
                }
                stream.finishHandOff(null);
                return;
            }
            int re = recv.exitCode();
            if (failed(recv, re)) {
                send.kill("zfs receive failed");
                send.waitFor();
                stream.close();
                throw recv.failure(re);
            }
            int se = awaitOrKill(send, "zfs receive had finished");
            if (failed(send, se)) {
                throw fail(stream, send.failure(se));
            }
            stream.finishHandOff(null);
        } catch (InterruptedException e) {
            send.kill("calling thread interrupted");
            recv.kill("calling thread interrupted");
            Thread.currentThread().interrupt();
            stream.close();
            throw new CommandCancelledException("calling thread interrupted", recv.argv(), recv.stderrSoFar());
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for zfs processes failed", e);
        }
    }

    private static ZfsCommandException fail(ZfsSendStream stream, ZfsCommandException e) {
        stream.finishHandOff(e);
        return e;
    }

    private static boolean failed(RunningCommand rc, int exit) {
        return exit != 0 || rc.killReason() != null;
    }

    /** SIGPIPE (exit 128+13) or EPIPE reported on stderr: the reader went away first. */
    private static boolean brokenPipe(RunningCommand send, int exit) {
        return send.killReason() == null && (exit == 141 || send.stderr().contains("Broken pipe"));
    }

    private static int awaitOrKill(RunningCommand rc, String why) throws InterruptedException {
        if (!rc.waitFor(LINGER)) {
            rc.kill("still running " + LINGER.toSeconds() + " s after " + why);
        }
        return rc.waitFor();
    }
}
