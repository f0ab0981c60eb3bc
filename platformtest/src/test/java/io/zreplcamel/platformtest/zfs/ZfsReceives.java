package io.zreplcamel.platformtest.zfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code zfs receive} processes of the guest, found through {@code /proc}: which exist, and how far one has read
 * its stream ({@code rchar} of {@code /proc/PID/io}). The fault tests use it to strike mid-stream.
 */
public final class ZfsReceives {

    private ZfsReceives() {
    }

    /**
     * Waits until a {@code zfs recv} into {@code target}, among {@code candidates} (all processes of the guest, or a
     * daemon's descendants), has read {@code bytes}; returns its pid.
     *
     * @param stillRunning throws an AssertionError when what should be receiving (a run, a daemon) has ended, which
     *                     ends the wait at once
     */
    public static long awaitReading(Supplier<List<ProcessHandle>> candidates, String target, long bytes,
                                    Duration timeout, Runnable stillRunning) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            stillRunning.run();
            for (ProcessHandle h : candidates.get()) {
                Optional<String> cmd = cmdline(h.pid());
                if (cmd.isPresent() && isReceiveInto(cmd.get(), target)) {
                    long read = rchar(h.pid());
                    if (read >= bytes) {
                        System.out.println("zfs recv " + h.pid() + " has read " + read + " bytes: " + cmd.get());
                        return h.pid();
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no zfs recv into " + target + " read " + bytes + " bytes within " + timeout);
    }

    /** All processes of the guest; the network namespaces of the two-host tests share one process table. */
    public static List<ProcessHandle> everyProcess() {
        return ProcessHandle.allProcesses().toList();
    }

    /** Whether a command line is a {@code zfs recv} whose operands name {@code target}. */
    public static boolean isReceiveInto(String cmdline, String target) {
        return cmdline.matches("(.*/)?zfs (recv|receive) .*") && cmdline.contains(target);
    }

    /** A process's command line with its arguments joined by spaces; empty when it is gone. */
    public static Optional<String> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return Optional.of(new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The bytes a process has read so far; -1 when it is gone. */
    public static long rchar(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (l.startsWith("rchar:")) {
                    return Long.parseLong(l.substring(6).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone meanwhile
        }
        return -1;
    }
}
