package io.zreplcamel.processors.replication.guarantee;

import java.util.Objects;
import java.util.Optional;

/**
 * One zrepl abstraction found on disk: a cursor or tentative-cursor bookmark, or a step / last-received hold on a
 * snapshot. Bookmarks are the abstraction themselves; holds are a tag on a snapshot, identified by (snapshot, tag).
 *
 * @param type        what it is
 * @param filesystem  the dataset it lives on
 * @param versionName short name of the bookmark (bookmark abstractions) or of the held snapshot (holds)
 * @param guid        guid of that bookmark or snapshot
 * @param createTxg   createtxg of that bookmark or snapshot (staleness compares these)
 * @param jobId       the job in the name; empty for the legacy v1 cursor, which has none
 */
public record Abstraction(AbstractionType type, String filesystem, String versionName, long guid, long createTxg,
        Optional<String> jobId) {

    public Abstraction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(versionName, "versionName");
        Objects.requireNonNull(jobId, "jobId");
    }

    /** {@code fs#bookmark} for bookmark abstractions, {@code fs@snapshot} for holds. */
    public String fullVersionName() {
        return filesystem + (type.isBookmark() ? "#" : "@") + versionName;
    }

    /** The hold tag of a hold abstraction. */
    public Optional<String> holdTag() {
        return switch (type) {
            case STEP_HOLD -> Optional.of(AbstractionNames.stepHold(jobId.orElseThrow()));
            case LAST_RECEIVED_HOLD -> Optional.of(AbstractionNames.lastReceivedHold(jobId.orElseThrow()));
            default -> Optional.empty();
        };
    }

    public boolean belongsTo(String job) {
        return jobId.isPresent() && jobId.get().equals(job);
    }

    /** For logs and the CLI: {@code step-hold fs@snap (job J)}. */
    public String describe() {
        return type.typeName() + " " + fullVersionName() + holdTag().map(t -> " tag " + t).orElse("")
                + jobId.map(j -> " (job " + j + ")").orElse(" (no job)");
    }
}
