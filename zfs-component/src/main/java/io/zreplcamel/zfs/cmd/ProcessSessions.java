package io.zreplcamel.zfs.cmd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes of one session or process group, found through {@code /proc} (Java has no killpg). A process
 * started through {@code setsid} has pid = session id = process group id; its children stay in that session
 * even when their parent exits and they are re-parented, which {@link ProcessHandle#descendants()} cannot follow.
 * Linux only, like the rest of the project.
 */
public final class ProcessSessions {

    private static final Path PROC = Path.of("/proc");

    private ProcessSessions() {
    }

    /** What {@code /proc/<pid>/stat} says about a process's place. */
    public record Membership(long pid, char state, long parent, long processGroup, long session) {

        /** Exited but not yet reaped: nothing left to kill. */
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** The membership of one process, empty when it does not exist (any more). */
    public static Optional<Membership> of(long pid) {
        try {
            return parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Processes, not zombies, whose session or process group is {@code id} (the leader itself included while it
     * runs). Empty when {@code /proc} cannot be read.
     */
    public static List<Long> livingMembers(long id) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, ProcessSessions::isPidDir)) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                of(pid).filter(m -> !m.zombie() && (m.session() == id || m.processGroup() == id))
                        .ifPresent(m -> out.add(m.pid()));
            }
        } catch (IOException e) {
            // no /proc: only the leader can be reached, through its Process
        }
        return out;
    }

    /** SIGTERM ({@code force} false) or SIGKILL to each process; those gone meanwhile are skipped. */
    static void signal(List<Long> pids, boolean force) {
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            if (pid == self) {
                continue;
            }
            // ProcessHandle.of checks the start time, so a pid reused meanwhile is not hit
            ProcessHandle.of(pid).ifPresent(h -> {
                if (force) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        }
    }

    private static boolean isPidDir(Path p) {
        String n = p.getFileName().toString();
        return !n.isEmpty() && n.chars().allMatch(Character::isDigit);
    }

    /** {@code pid (comm) state ppid pgrp session ...}; comm may contain spaces and parentheses. */
    static Optional<Membership> parse(long pid, String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 1).trim().split(" ");
        if (f.length < 4 || f[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Membership(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3])));
    }
}
