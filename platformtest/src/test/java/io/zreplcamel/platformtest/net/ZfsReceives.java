package io.zreplcamel.platformtest.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * The {@code zfs receive} processes of the guest, whichever host's daemon started them (namespaces share the process
 * table): how far one has read its stream ({@code rchar} of {@code /proc/PID/io}).
 */
final class ZfsReceives {

    private ZfsReceives() {
    }

    /**
     * Waits until a {@code zfs recv} into {@code target} has read {@code bytes}; returns its pid. Fails if
     * {@code run} (the run that should be receiving) ends first.
     */
    static long awaitReading(String target, long bytes, Duration timeout, Future<?> run) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before a zfs recv into " + target + " had read " + bytes
                        + " bytes: " + run.get());
            }
            for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                Optional<String> cmd = cmdline(h.pid());
                if (cmd.isPresent() && cmd.get().matches("(.*/)?zfs (recv|receive) .*") && cmd.get().contains(target)) {
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

    private static Optional<String> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            return Optional.of(new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long rchar(long pid) {
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
