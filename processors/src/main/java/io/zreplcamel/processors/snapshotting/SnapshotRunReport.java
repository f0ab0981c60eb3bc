package io.zreplcamel.processors.snapshotting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcome of one snapshot run: per filesystem, plus the run's warnings. A data structure; views render it. */
public record SnapshotRunReport(Instant started, Optional<Instant> finished, List<FilesystemSnapshotReport> filesystems,
                                List<String> warnings) {

    public SnapshotRunReport {
        filesystems = List.copyOf(filesystems);
        warnings = List.copyOf(warnings);
    }

    /** zrepl: "one or more snapshots could not be created, check logs for details". */
    public boolean hadError() {
        return filesystems.stream().anyMatch(f -> f.state() == FilesystemSnapshotReport.State.ERROR);
    }

    public long count(FilesystemSnapshotReport.State state) {
        return filesystems.stream().filter(f -> f.state() == state).count();
    }

    /** The snapshots taken, as {@code dataset@name}. */
    public List<String> snapshotsTaken() {
        return filesystems.stream().filter(f -> f.state() == FilesystemSnapshotReport.State.DONE)
                .map(f -> f.filesystem() + "@" + f.snapshotName().orElse("")).toList();
    }
}
