package io.zreplcamel.zfs.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed {@code zfs}/{@code zpool} process (argv, exit code, stderr) into the most specific typed exception.
 *
 * <p>The patterns are the English messages of libzfs and {@code zfs_main.c} (OpenZFS 2.1 to 2.4), which is why every
 * process runs with {@code LC_ALL=C}. Dataset names cannot contain quotes, so {@code '([^']+)'} captures a name with
 * spaces safely. Order matters: the more specific receive and resume messages come before the generic
 * "does not exist" / "is busy" ones because their texts contain those words too.
 */
public final class ZfsErrorClassifier {

    private static final Pattern RESUME_TOKEN_IN_STDERR = Pattern.compile(
            "A resuming stream can be generated on the sending system by running:\\s+zfs send -t\\s+(\\S+)");
    private static final Pattern TOKEN_CORRUPT = Pattern.compile("resume token is corrupt[^\\n]*");
    private static final Pattern TOKEN_STALE = Pattern.compile(
            "'([^']+)' used in the initial send no longer exists"
                    + "|'([^']+)' is no longer the same snapshot used in the initial send"
                    + "|incremental source (0x[0-9a-fA-F]+) no longer exists");
    private static final Pattern PARTIAL_STATE = Pattern.compile(
            "destination (.+?) contains partially-complete state from \"zfs receive -s\"");
    private static final Pattern ENCRYPTED_FORCE = Pattern.compile(
            "zfs receive -F cannot be used to destroy an encrypted filesystem");
    private static final Pattern MODIFIED = Pattern.compile(
            "destination (.+?) has been modified\\s+since most recent snapshot");
    private static final Pattern SOURCE_MISMATCH = Pattern.compile(
            "most recent snapshot of (.+?) does not\\s+match incremental source");
    private static final Pattern READ_FROM_STREAM = Pattern.compile("cannot receive: failed to read from stream");
    private static final Pattern DESTROY_LINE = Pattern.compile("(?m)^cannot destroy snapshot (.+?): (.+)$");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "'([^']+)': (?:dataset|snapshot|bookmark|filesystem|pool) does not exist"
                    + "|'([^']+)': no such pool(?: or dataset)?"
                    + "|bookmark '([^']+)' does not exist"
                    + "|incremental source \\(([^)]+)\\) does not exist"
                    + "|destination '([^']+)' does not exist"
                    + "|(could not find any snapshots to destroy)");
    private static final Pattern BOOKMARK_EXISTS = Pattern.compile("cannot create bookmark '([^']+)': bookmark exists");
    private static final Pattern EXISTS = Pattern.compile(
            "'([^']+)': dataset already exists"
                    + "|destination '([^']+)' exists"
                    + "|cannot restore to (.+?): destination already exists");
    private static final Pattern BUSY = Pattern.compile(
            "'([^']+)': (?:pool or )?dataset is busy"
                    + "|'([^']+)': it's being held"
                    + "|(?:pool or )?dataset is busy");
    private static final Pattern PERMISSION = Pattern.compile("permission denied", Pattern.CASE_INSENSITIVE);

    private ZfsErrorClassifier() {
    }

    /**
     * Builds the exception for a process that exited with {@code exitCode} (non-zero) and wrote {@code stderr}.
     *
     * @param command the argv, binary first
     */
    public static ZfsCommandException classify(List<String> command, int exitCode, String stderr) {
        String err = stderr == null ? "" : stderr;
        String summary = firstLine(err);

        Matcher m = RESUME_TOKEN_IN_STDERR.matcher(err);
        if (m.find()) {
            return new ResumableReceiveFailedException(
                    "receive failed part-way; partial state saved, resumable with the token",
                    receiveTarget(command), m.group(1), command, exitCode, err);
        }
        m = TOKEN_STALE.matcher(err);
        if (m.find()) {
            return new ResumeTokenInvalidException("resume token is stale: " + m.group(),
                    ResumeTokenInvalidException.Reason.STALE, command, exitCode, err);
        }
        m = TOKEN_CORRUPT.matcher(err);
        if (m.find()) {
            return new ResumeTokenInvalidException(m.group(), ResumeTokenInvalidException.Reason.CORRUPT,
                    command, exitCode, err);
        }
        m = PARTIAL_STATE.matcher(err);
        if (m.find()) {
            return new PartialReceiveStateException(summary, m.group(1), command, exitCode, err);
        }
        if (ENCRYPTED_FORCE.matcher(err).find()) {
            return new EncryptedForceReceiveException(summary, receiveTarget(command), command, exitCode, err);
        }
        m = MODIFIED.matcher(err);
        if (m.find()) {
            return new DestinationModifiedException(oneLine(m.group()), m.group(1), command, exitCode, err);
        }
        m = SOURCE_MISMATCH.matcher(err);
        if (m.find()) {
            return new IncrementalSourceMismatchException(oneLine(m.group()), m.group(1), command, exitCode, err);
        }
        if (READ_FROM_STREAM.matcher(err).find()) {
            return new StreamReadException(summary, receiveTarget(command), command, exitCode, err);
        }
        if (isVerb(command, "destroy")) {
            ZfsCommandException destroy = classifyDestroy(command, exitCode, err);
            if (destroy != null) {
                return destroy;
            }
        }
        m = BOOKMARK_EXISTS.matcher(err);
        if (m.find()) {
            return new BookmarkExistsException(summary, m.group(1), command, exitCode, err);
        }
        m = NOT_FOUND.matcher(err);
        if (m.find()) {
            String name = firstNonNull(m, 1, 5);
            return new DatasetNotFoundException(lineOf(err, m.start()), name, command, exitCode, err);
        }
        m = EXISTS.matcher(err);
        if (m.find()) {
            return new DatasetExistsException(lineOf(err, m.start()), firstNonNull(m, 1, 3), command, exitCode, err);
        }
        m = BUSY.matcher(err);
        if (m.find()) {
            return new DatasetBusyException(lineOf(err, m.start()), firstNonNull(m, 1, 2), command, exitCode, err);
        }
        if (PERMISSION.matcher(err).find()) {
            return new PermissionDeniedException(summary, null, command, exitCode, err);
        }
        return new ZfsCommandException(summary.isEmpty() ? "zfs command failed" : summary, command, exitCode, err);
    }

    /**
     * Parses the per-snapshot lines of a failed destroy. A destroy that named exactly one snapshot gets the plain
     * type of its one reason (busy, not found), so single destroys read like every other command; batches get a
     * {@link DestroyFailedException} listing each undestroyable snapshot.
     */
    private static ZfsCommandException classifyDestroy(List<String> command, int exitCode, String err) {
        Map<String, String> undestroyable = new LinkedHashMap<>();
        Matcher m = DESTROY_LINE.matcher(err);
        while (m.find()) {
            undestroyable.put(m.group(1), m.group(2).strip());
        }
        if (undestroyable.isEmpty()) {
            return null;
        }
        String target = command.isEmpty() ? "" : command.get(command.size() - 1);
        boolean single = undestroyable.size() == 1 && target.indexOf(',') < 0 && target.indexOf('%') < 0;
        if (single) {
            Map.Entry<String, String> only = undestroyable.entrySet().iterator().next();
            String message = "cannot destroy snapshot " + only.getKey() + ": " + only.getValue();
            if (DestroyFailedException.isHeld(only.getValue())) {
                return new DatasetBusyException(message, only.getKey(), command, exitCode, err);
            }
            if (only.getValue().contains("does not exist")) {
                return new DatasetNotFoundException(message, only.getKey(), command, exitCode, err);
            }
        }
        return new DestroyFailedException("cannot destroy " + undestroyable.size() + " snapshot(s): "
                + undestroyable, undestroyable, command, exitCode, err);
    }

    /** Extracts a resume token that {@code zfs receive -s} printed, if any. */
    public static String resumeTokenIn(String stderr) {
        Matcher m = RESUME_TOKEN_IN_STDERR.matcher(stderr == null ? "" : stderr);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isVerb(List<String> command, String verb) {
        return command.size() > 1 && command.get(1).equals(verb);
    }

    /** For {@code zfs receive ... <target>} the filesystem part of the last argument. */
    private static String receiveTarget(List<String> command) {
        if (command.size() < 2 || !(command.get(1).equals("receive") || command.get(1).equals("recv"))) {
            return null;
        }
        String last = command.get(command.size() - 1);
        int at = last.indexOf('@');
        return at < 0 ? last : last.substring(0, at);
    }

    private static String firstNonNull(Matcher m, int from, int to) {
        for (int g = from; g <= to && g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String lineOf(String s, int index) {
        int start = s.lastIndexOf('\n', index) + 1;
        int end = s.indexOf('\n', index);
        return s.substring(start, end < 0 ? s.length() : end).strip();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\n\\s*", " ");
    }
}
