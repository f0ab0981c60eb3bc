package io.zreplcamel.zfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A shell script standing in for {@code zfs} in control-flow tests (timeouts, kills, pipes, argv building). It
 * proves nothing about ZFS itself; the platform tests do that against real OpenZFS.
 */
public final class FakeZfs {

    private FakeZfs() {
    }

    /** Writes an executable bash script with {@code body} into {@code dir}; returns its path. */
    public static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A script that appends its argv (one line, arguments separated by a unit separator) to {@code log}. */
    public static String logArgs(Path log) {
        return "printf '%s\\x1f' \"$@\" >> '" + log + "'; echo >> '" + log + "'\n";
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static long readPid(Path file) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(file)) {
                String s = Files.readString(file).strip();
                if (!s.isEmpty()) {
                    return Long.parseLong(s);
                }
            }
            Thread.sleep(25);
        }
        throw new IOException("no pid in " + file);
    }

    /** Waits up to 5 s for a process to disappear. */
    public static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!alive(pid)) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }
}
