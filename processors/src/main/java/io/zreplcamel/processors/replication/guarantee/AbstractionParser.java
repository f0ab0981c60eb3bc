package io.zreplcamel.processors.replication.guarantee;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Optional;

/**
 * Recognises zrepl's abstractions in listed bookmarks and hold tags, exactly as zrepl does (spec §8.1): the name
 * must parse ({@link AbstractionNames}) and, for cursor bookmarks, the guid encoded in the name must be the
 * bookmark's real guid — a bookmark whose name lies about its guid is somebody else's and is ignored. The legacy
 * v1 cursor {@code zrepl_replication_cursor} has no job id and no guid in its name.
 */
public final class AbstractionParser {

    private AbstractionParser() {
    }

    /** The abstraction a bookmark is, if any. Snapshots are never abstractions themselves. */
    public static Optional<Abstraction> fromBookmark(String filesystem, FilesystemVersion bookmark) {
        if (!bookmark.isBookmark()) {
            return Optional.empty();
        }
        return AbstractionNames.parseBookmark(bookmark.name())
                .filter(p -> p.type() == AbstractionType.REPLICATION_CURSOR_V1 || p.guid() == bookmark.guid())
                .map(p -> new Abstraction(p.type(), filesystem, bookmark.name(), bookmark.guid(), bookmark.createTxg(),
                        p.type() == AbstractionType.REPLICATION_CURSOR_V1 ? Optional.empty()
                                : Optional.of(p.jobId())));
    }

    /** The abstraction a hold tag on a snapshot is, if any (user holds and other tools' tags are not). */
    public static Optional<Abstraction> fromHold(String filesystem, FilesystemVersion snapshot, String tag) {
        if (!snapshot.isSnapshot()) {
            return Optional.empty();
        }
        return AbstractionNames.parseHoldTag(tag).map(h -> new Abstraction(h.type(), filesystem, snapshot.name(),
                snapshot.guid(), snapshot.createTxg(), Optional.of(h.jobId())));
    }
}
