package io.zreplcamel.zfs.error;

import java.util.List;

/**
 * A {@code zfs} or {@code zpool} process that failed: it exited non-zero, was killed, timed out, or could not be
 * started. Carries the argv, the exit code ({@link #NO_EXIT_CODE} when the process never exited by itself) and the
 * (bounded) stderr text, so the message alone is enough to diagnose the failure.
 */
public class ZfsCommandException extends ZfsException {

    private static final long serialVersionUID = 1L;

    /** Exit code reported when the process did not exit by itself (killed, timed out, never started). */
    public static final int NO_EXIT_CODE = -1;

    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public ZfsCommandException(String message, List<String> command, int exitCode, String stderr) {
        this(message, command, exitCode, stderr, null);
    }

    public ZfsCommandException(String message, List<String> command, int exitCode, String stderr, Throwable cause) {
        super(compose(message, command, exitCode, stderr), cause);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The full argv, binary first. */
    public List<String> command() {
        return command;
    }

    /** The process exit code, or {@link #NO_EXIT_CODE}. */
    public int exitCode() {
        return exitCode;
    }

    /** What the process wrote to stderr (possibly shortened in the middle, see the runner's capture limit). */
    public String stderr() {
        return stderr;
    }

    /** The command as one shell-like line, for logs and messages. */
    public String commandLine() {
        return CommandLines.format(command);
    }

    private static String compose(String message, List<String> command, int exitCode, String stderr) {
        StringBuilder sb = new StringBuilder(message);
        sb.append(" [command: ").append(CommandLines.format(command));
        if (exitCode != NO_EXIT_CODE) {
            sb.append(", exit code ").append(exitCode);
        }
        String err = stderr == null ? "" : stderr.strip();
        if (!err.isEmpty() && !message.contains(err)) {
            sb.append(", stderr: ").append(err);
        }
        return sb.append(']').toString();
    }
}
