package io.zreplcamel.zfs.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a {@code zfs:} endpoint does; the URI path names it ({@code zfs:send}, {@code zfs:recv}, ...). */
public enum ZfsOperation {
    /** Start {@code zfs send}; the body becomes the stream ({@code InputStream}), or a size estimate with dryRun. */
    SEND("send"),
    /** Feed the body ({@code InputStream}) into {@code zfs receive}. */
    RECV("recv"),
    /** Take one snapshot, or the same snapshot of several datasets of one pool atomically. */
    SNAPSHOT("snapshot"),
    /** Scoped {@code zfs list -H -p}: datasets (or other types) under the given roots. */
    LIST("list"),
    /** Snapshots of a dataset; as a consumer, polls and emits each new snapshot once. */
    SNAPSHOTS("snapshots"),
    /** Destroy one dataset/snapshot/bookmark, a range, or a batch of snapshots (comma syntax). */
    DESTROY("destroy"),
    /** Place a user hold (idempotent). */
    HOLD("hold"),
    /** Release a user hold (idempotent). */
    RELEASE("release"),
    /** List user holds. */
    HOLDS("holds"),
    /** Create a bookmark from a snapshot or bookmark (idempotent for the same guid). */
    BOOKMARK("bookmark"),
    /** Read properties with their source. */
    GET("get"),
    /** Set properties. */
    SET("set"),
    /** Clear local property values. */
    INHERIT("inherit"),
    /** Roll a filesystem back to a snapshot. */
    ROLLBACK("rollback"),
    /** {@code zfs version}. */
    VERSION("version"),
    /** Read a filesystem's {@code receive_resume_token} (null when none). */
    RESUME_TOKEN("resumeToken"),
    /** Decode a resume token natively (no process). */
    DECODE_TOKEN("decodeToken"),
    /** {@code zfs receive -A}: discard partial receive state (idempotent). */
    ABORT_RECV("abortRecv");

    /** All URI names, for {@code @UriPath(enums)} and error messages. */
    public static final String URI_NAMES = "send,recv,snapshot,list,snapshots,destroy,hold,release,holds,bookmark,"
            + "get,set,inherit,rollback,version,resumeToken,decodeToken,abortRecv";

    private final String uriName;

    ZfsOperation(String uriName) {
        this.uriName = uriName;
    }

    public String uriName() {
        return uriName;
    }

    /** Parses the URI path; accepts the URI name case-insensitively and the aliases {@code receive}. */
    public static ZfsOperation fromUri(String name) {
        String n = name == null ? "" : name.strip();
        if (n.equalsIgnoreCase("receive")) {
            return RECV;
        }
        for (ZfsOperation op : values()) {
            if (op.uriName.equalsIgnoreCase(n) || op.name().equalsIgnoreCase(n)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown zfs operation '" + n + "'; expected one of "
                + Arrays.stream(values()).map(ZfsOperation::uriName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return uriName;
    }
}
