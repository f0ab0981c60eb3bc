package io.zreplcamel.zfs.cmd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One invocation of {@code zfs} or {@code zpool}: the arguments after the binary, an optional timeout and optional
 * bytes for stdin. The binary path is resolved by the {@link ZfsCommandRunner}, so commands can be built without
 * knowing where zfs lives.
 *
 * @param tool    which binary
 * @param args    arguments after the binary; the first is the verb (used for counting)
 * @param timeout null for the runner's default, {@link Duration#ZERO} for none
 * @param stdin   bytes to write to stdin, or null to close stdin at once
 */
public record Command(Tool tool, List<String> args, Duration timeout, byte[] stdin) {

    public Command {
        Objects.requireNonNull(tool, "tool");
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a verb");
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
    }

    public static Command zfs(String... args) {
        return new Command(Tool.ZFS, Arrays.asList(args), null, null);
    }

    public static Command zfs(List<String> args) {
        return new Command(Tool.ZFS, args, null, null);
    }

    public static Command zpool(String... args) {
        return new Command(Tool.ZPOOL, Arrays.asList(args), null, null);
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(tool, args, newTimeout, stdin);
    }

    public Command withStdin(byte[] bytes) {
        return new Command(tool, args, timeout, bytes);
    }

    /** The first argument, e.g. {@code list} or {@code send}. */
    public String verb() {
        return args.get(0);
    }

    /** The argv with the given binary in front. */
    public List<String> argv(String binary) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary);
        argv.addAll(args);
        return argv;
    }

    /** Total bytes the kernel must copy for this argv (each argument plus its NUL), to stay below ARG_MAX. */
    public static long argvBytes(List<String> argv) {
        long n = 0;
        for (String a : argv) {
            n += a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && tool == c.tool && args.equals(c.args) && Objects.equals(timeout, c.timeout)
                && Arrays.equals(stdin, c.stdin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tool, args, timeout, Arrays.hashCode(stdin));
    }

    @Override
    public String toString() {
        return tool.name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(" ", args);
    }
}
