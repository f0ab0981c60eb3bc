package io.zreplcamel.processors.replication.diff;

import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.plan.Conflict;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * zrepl's incremental path ({@code replication/logic/diff}): how the receiver's snapshots relate to the sender's
 * versions, compared by guid only (names may differ, and each side has its own createtxg).
 *
 * <ol>
 *   <li>Receiver bookmarks are ignored: they never serve as a common base and never conflict.</li>
 *   <li>No receiver snapshot at all → {@link Initial} (the initial-replication policy decides what to send), unless the
 *       sender has nothing to send from.</li>
 *   <li>The most recent common version: the receiver's snapshots newest first, the first whose guid the sender has
 *       (as snapshot, else as bookmark).</li>
 *   <li>None → {@code no-common-ancestor}; common one not the receiver's newest → {@code diverged} (the receiver has
 *       snapshots the sender never had after it: written to, or replicated from elsewhere).</li>
 *   <li>Otherwise {@link Incremental}: the sender's version and the sender snapshots after it, oldest first.</li>
 * </ol>
 *
 * A pure function; messages name the filesystem and say what to do.
 */
public final class IncrementalPath {

    /** What the two sides' histories say. */
    public sealed interface Result permits Incremental, Initial, Conflicting {
    }

    /**
     * The receiver has {@code common}; the sender snapshots in {@code snapshotsAfter} (oldest first) are to be sent
     * incrementally from it. Empty: the receiver is up to date.
     *
     * @param common the sender's version (snapshot preferred, else bookmark) whose guid the receiver's newest
     *               snapshot has
     */
    public record Incremental(FilesystemVersion common, List<FilesystemVersion> snapshotsAfter) implements Result {
        public Incremental {
            Objects.requireNonNull(common, "common");
            snapshotsAfter = List.copyOf(snapshotsAfter);
        }

        public boolean upToDate() {
            return snapshotsAfter.isEmpty();
        }
    }

    /** The receiver has no snapshots: initial replication of one of {@code senderSnapshots} (oldest first, ≥ 1). */
    public record Initial(List<FilesystemVersion> senderSnapshots) implements Result {
        public Initial {
            senderSnapshots = List.copyOf(senderSnapshots);
            if (senderSnapshots.isEmpty()) {
                throw new IllegalArgumentException("initial replication needs a sender snapshot");
            }
        }
    }

    /** The histories conflict; nothing can be sent. */
    public record Conflicting(Conflict conflict) implements Result {
        public Conflicting {
            Objects.requireNonNull(conflict, "conflict");
        }
    }

    private IncrementalPath() {
    }

    /**
     * @param filesystem       for messages
     * @param senderVersions   the sender's snapshots and bookmarks, any order
     * @param receiverVersions the receiver's versions, any order (bookmarks are ignored); empty when the receiver's
     *                         filesystem does not exist or is a placeholder
     */
    public static Result between(String filesystem, List<FilesystemVersion> senderVersions,
            List<FilesystemVersion> receiverVersions) {
        List<FilesystemVersion> sender = Versions.sorted(senderVersions);
        List<FilesystemVersion> receiver = Versions.snapshots(receiverVersions);
        if (sender.isEmpty()) {
            return conflict(ConflictKind.NO_SENDER_SNAPSHOTS, filesystem + ": no snapshots available on sender side; "
                    + "take a snapshot of it on the sender (or let the job's snapshotting run) before replicating");
        }
        List<FilesystemVersion> senderSnapshots = Versions.snapshots(sender);
        if (receiver.isEmpty()) {
            if (senderSnapshots.isEmpty()) {
                return conflict(ConflictKind.SENDER_HAS_ONLY_BOOKMARKS, filesystem
                        + ": initial replication needs a snapshot, but the sender has only bookmarks ("
                        + Versions.names(sender) + "); take a snapshot of it on the sender");
            }
            return new Initial(senderSnapshots);
        }
        for (int r = receiver.size() - 1; r >= 0; r--) {
            Optional<FilesystemVersion> common = Versions.byGuid(sender, receiver.get(r).guid());
            if (common.isEmpty()) {
                continue;
            }
            if (r != receiver.size() - 1) {
                return diverged(filesystem, sender, receiver, common.get(), receiver.get(r),
                        receiver.subList(r + 1, receiver.size()));
            }
            return new Incremental(common.get(), after(sender, common.get()));
        }
        return conflict(ConflictKind.NO_COMMON_ANCESTOR, filesystem
                + ": no common snapshot or suitable bookmark between sender and receiver (sender: "
                + Versions.names(sender) + "; receiver: " + Versions.names(receiver) + "); the receiver's filesystem "
                + "did not come from this sender (or the sender destroyed every snapshot and bookmark it has): "
                + "rename or destroy it on the receiver for a new initial replication, or exclude it from the job");
    }

    /** The sender snapshots after {@code common} in the sender's order, each guid once, {@code common} excluded. */
    private static List<FilesystemVersion> after(List<FilesystemVersion> sender, FilesystemVersion common) {
        int at = sender.indexOf(common);
        Set<Long> seen = new HashSet<>();
        seen.add(common.guid());
        return sender.subList(at + 1, sender.size()).stream()
                .filter(FilesystemVersion::isSnapshot)
                .filter(v -> seen.add(v.guid()))
                .toList();
    }

    private static Result diverged(String filesystem, List<FilesystemVersion> sender,
            List<FilesystemVersion> receiver, FilesystemVersion common, FilesystemVersion receiverCommon,
            List<FilesystemVersion> receiverOnly) {
        Set<Long> onReceiver = new HashSet<>();
        receiver.forEach(v -> onReceiver.add(v.guid()));
        List<FilesystemVersion> senderOnly = after(sender, common).stream()
                .filter(v -> !onReceiver.contains(v.guid())).toList();
        return conflict(ConflictKind.DIVERGED, filesystem
                + ": the receiver's latest snapshot is not present on sender (last common: "
                + common.relativeName() + "; sender only: " + Versions.names(senderOnly) + "; receiver only: "
                + Versions.names(receiverOnly) + "); the receiver's filesystem got snapshots from elsewhere: if they "
                + "are not needed, destroy the receiver-only snapshots on the receiver (or roll it back to "
                + receiverCommon.relativeName() + ") and replication continues from there");
    }

    private static Result conflict(ConflictKind kind, String message) {
        return new Conflicting(new Conflict(kind, message));
    }
}
