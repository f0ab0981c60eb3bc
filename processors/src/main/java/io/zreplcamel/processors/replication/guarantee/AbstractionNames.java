package io.zreplcamel.processors.replication.guarantee;

import io.zreplcamel.config.names.JobNames;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact on-disk names of zrepl's abstractions (its code's spelling, not its docs': {@code CURSOR}, and the
 * tentative cursor's double underscore), so that a dataset zrepl replicated continues incrementally under
 * zrepl-camel and back. The job id is the sending job's name for cursors and step holds, the receiving job's for
 * last-received holds.
 */
public final class AbstractionNames {

    public static final String CURSOR_PREFIX = "zrepl_CURSOR";
    /** The prefix constant ends in {@code _} and the format adds {@code _G_}: hence {@code __G_}. */
    public static final String TENTATIVE_CURSOR_PREFIX = "zrepl_CURSORTENTATIVE_";
    public static final String V1_CURSOR = "zrepl_replication_cursor";
    public static final String STEP_HOLD_PREFIX = "zrepl_STEP_J_";
    public static final String LAST_RECEIVED_HOLD_PREFIX = "zrepl_last_received_J_";

    private static final Pattern BOOKMARK = Pattern.compile("(.+)_G_([0-9a-f]{16})_J_(.+)$");
    private static final Pattern STEP_HOLD = Pattern.compile("^zrepl_STEP_J_(.+)");
    private static final Pattern LAST_RECEIVED_HOLD = Pattern.compile("^zrepl_last_received_J_(.+)$");

    private AbstractionNames() {
    }

    /** {@code zrepl_CURSOR_G_<guid %016x>_J_<job>}: the short bookmark name. */
    public static String cursor(long guid, String jobId) {
        return bookmarkName(CURSOR_PREFIX, guid, jobId);
    }

    /** {@code zrepl_CURSORTENTATIVE__G_<guid %016x>_J_<job>}. */
    public static String tentativeCursor(long guid, String jobId) {
        return bookmarkName(TENTATIVE_CURSOR_PREFIX, guid, jobId);
    }

    public static String stepHold(String jobId) {
        return STEP_HOLD_PREFIX + requireJobId(jobId);
    }

    public static String lastReceivedHold(String jobId) {
        return LAST_RECEIVED_HOLD_PREFIX + requireJobId(jobId);
    }

    /** A cursor or tentative cursor bookmark name, parsed; empty for any other name. */
    public record ParsedBookmark(AbstractionType type, long guid, String jobId) {
    }

    /**
     * Parses a short bookmark name as zrepl does: prefix, 16 lowercase hex digits of guid, valid job id. The caller
     * must still compare {@link ParsedBookmark#guid()} with the bookmark's real guid (zrepl ignores a mismatch).
     */
    public static Optional<ParsedBookmark> parseBookmark(String shortName) {
        if (V1_CURSOR.equals(shortName)) {
            return Optional.of(new ParsedBookmark(AbstractionType.REPLICATION_CURSOR_V1, 0, ""));
        }
        Matcher m = BOOKMARK.matcher(shortName);
        if (!m.matches()) {
            return Optional.empty();
        }
        AbstractionType type;
        if (m.group(1).equals(CURSOR_PREFIX)) {
            type = AbstractionType.REPLICATION_CURSOR_V2;
        } else if (m.group(1).equals(TENTATIVE_CURSOR_PREFIX)) {
            type = AbstractionType.TENTATIVE_REPLICATION_CURSOR;
        } else {
            return Optional.empty();
        }
        String job = m.group(3);
        if (JobNames.problem(job).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ParsedBookmark(type, Long.parseUnsignedLong(m.group(2), 16), job));
    }

    /** A step or last-received hold tag, parsed; empty for other tags (user holds, other tools). */
    public record ParsedHold(AbstractionType type, String jobId) {
    }

    public static Optional<ParsedHold> parseHoldTag(String tag) {
        Matcher step = STEP_HOLD.matcher(tag);
        if (step.find() && JobNames.problem(step.group(1)).isEmpty()) {
            return Optional.of(new ParsedHold(AbstractionType.STEP_HOLD, step.group(1)));
        }
        Matcher last = LAST_RECEIVED_HOLD.matcher(tag);
        if (last.find() && JobNames.problem(last.group(1)).isEmpty()) {
            return Optional.of(new ParsedHold(AbstractionType.LAST_RECEIVED_HOLD, last.group(1)));
        }
        return Optional.empty();
    }

    private static String bookmarkName(String prefix, long guid, String jobId) {
        return prefix + "_G_" + HexFormat.of().toHexDigits(guid) + "_J_" + requireJobId(jobId);
    }

    private static String requireJobId(String jobId) {
        JobNames.problem(jobId).ifPresent(p -> {
            throw new IllegalArgumentException("invalid job id \"" + jobId + "\": " + p);
        });
        return jobId;
    }
}
