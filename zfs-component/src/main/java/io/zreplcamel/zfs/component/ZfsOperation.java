package io.zreplcamel.zfs.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a {@code zfs:} endpoint does; the URI path names it ({@code zfs:send}, {@code zfs:recv}, ...).
 *
 * <p>An operation is <b>destructive</b> when it can remove or overwrite something that exists: a dataset,
 * snapshot or bookmark ({@code destroy}, {@code rollback}, {@code recv} with {@code force}, i.e. {@code -F}), a hold
 * ({@code release}), partial receive state ({@code abortRecv}) or a property value ({@code set}, {@code inherit}).
 * Destructive operations come from the endpoint URI only: the {@code CamelZfsOperation} header may select only
 * a non-destructive one (see {@link OperationHeader}).
 */
public enum ZfsOperation {
    /** Start {@code zfs send}; the body becomes the stream ({@code InputStream}), or a size estimate with dryRun. */
    SEND("send", false),
    /** Feed the body ({@code InputStream}) into {@code zfs receive}. */
    RECV("recv", false),
    /** Take one snapshot, or the same snapshot of several datasets of one pool atomically. */
    SNAPSHOT("snapshot", false),
    /** Scoped {@code zfs list -H -p}: datasets (or other types) under the given roots. */
    LIST("list", false),
    /** Snapshots of a dataset; as a consumer, polls and emits each new snapshot once. */
    SNAPSHOTS("snapshots", false),
    /** Destroy one dataset/snapshot/bookmark, a range, or a batch of snapshots (comma syntax). */
    DESTROY("destroy", true),
    /** Place a user hold (idempotent). */
    HOLD("hold", false),
    /** Release a user hold (idempotent). */
    RELEASE("release", true),
    /** List user holds. */
    HOLDS("holds", false),
    /** Create a bookmark from a snapshot or bookmark (idempotent for the same guid). */
    BOOKMARK("bookmark", false),
    /** Read properties with their source. */
    GET("get", false),
    /** Set properties. */
    SET("set", true),
    /** Clear local property values. */
    INHERIT("inherit", true),
    /** Roll a filesystem back to a snapshot. */
    ROLLBACK("rollback", true),
    /** {@code zfs version}. */
    VERSION("version", false),
    /** Read a filesystem's {@code receive_resume_token} (null when none). */
    RESUME_TOKEN("resumeToken", false),
    /** Decode a resume token natively (no process). */
    DECODE_TOKEN("decodeToken", false),
    /** {@code zfs receive -A}: discard partial receive state (idempotent). */
    ABORT_RECV("abortRecv", true);

    /** All URI names, for {@code @UriPath(enums)} and error messages. */
    public static final String URI_NAMES = "send,recv,snapshot,list,snapshots,destroy,hold,release,holds,bookmark,"
            + "get,set,inherit,rollback,version,resumeToken,decodeToken,abortRecv";

    private final String uriName;
    private final boolean destructive;

    ZfsOperation(String uriName, boolean destructive) {
        this.uriName = uriName;
        this.destructive = destructive;
    }

    /**
     * Whether this operation, with these options, can remove or overwrite existing data, a hold or a property
     * value. {@code recv} is destructive only with {@code force} ({@code zfs receive -F} rolls back and destroys
     * on the receiver).
     */
    public boolean isDestructive(ZfsConfiguration options) {
        return destructive || (this == RECV && options.isForce());
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
