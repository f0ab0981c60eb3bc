package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a periodic snapshotter takes its first snapshots after start (zrepl's "sync-up"), as a pure function:
 * for every filesystem, its newest snapshot (by {@code createtxg}) with the job's prefix plus {@code interval} is
 * a candidate; the sync point is the earliest candidate, or {@code now} when no filesystem has such a snapshot.
 * So a restart does not take an extra snapshot before one is due. Afterwards the snapshotter runs every
 * {@code interval} after each run's start ({@link #nextRun}).
 */
public final class PeriodicSyncUp {

    /** zrepl's {@code ZREPL_SNAPPER_SYNCUP_WARN_MIN_DURATION}: warn only about waits longer than this. */
    public static final Duration WARN_MIN_WAIT = Duration.ofSeconds(1);

    private PeriodicSyncUp() {
    }

    /** One filesystem's listing: its snapshots (any prefix; others are ignored), or the error listing it. */
    public record FilesystemSnapshots(String filesystem, List<FilesystemVersion> versions,
                                      Optional<String> listError) {
        public FilesystemSnapshots {
            Objects.requireNonNull(filesystem, "filesystem");
            versions = List.copyOf(versions);
            Objects.requireNonNull(listError, "listError");
        }

        public static FilesystemSnapshots of(String filesystem, List<FilesystemVersion> versions) {
            return new FilesystemSnapshots(filesystem, versions, Optional.empty());
        }
    }

    /**
     * @param syncPoint  when to take the first snapshots (may be in the past: then at once); empty when every
     *                   filesystem had a hard error, see {@code error}
     * @param candidates per filesystem with a prefixed snapshot: its newest creation + interval
     * @param withoutSnapshots filesystems with no prefixed snapshot (they wait for the sync point too)
     * @param hardErrors per filesystem: listing failed, or its newest prefixed snapshot is from the future
     * @param warnings   what zrepl logs as warnings ("filesystem will not be snapshotted until sync point")
     * @param error      set when no filesystem could be examined
     */
    public record Result(Optional<Instant> syncPoint, Map<String, Instant> candidates, List<String> withoutSnapshots,
                         Map<String, String> hardErrors, List<String> warnings, Optional<String> error) {
        public Result {
            candidates = Map.copyOf(candidates);
            withoutSnapshots = List.copyOf(withoutSnapshots);
            hardErrors = Map.copyOf(hardErrors);
            warnings = List.copyOf(warnings);
        }
    }

    public static Result compute(Instant now, Duration interval, String prefix, List<FilesystemSnapshots> filesystems) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (filesystems.isEmpty()) {
            return new Result(Optional.of(now), Map.of(), List.of(), Map.of(), List.of(), Optional.empty());
        }
        Map<String, Instant> candidates = new LinkedHashMap<>();
        List<String> without = new ArrayList<>();
        Map<String, String> hardErrors = new LinkedHashMap<>();
        for (FilesystemSnapshots fs : filesystems) {
            if (fs.listError().isPresent()) {
                hardErrors.put(fs.filesystem(), "list filesystem versions: " + fs.listError().get());
                continue;
            }
            Optional<FilesystemVersion> newest = fs.versions().stream()
                    .filter(FilesystemVersion::isSnapshot)
                    .filter(v -> v.name().startsWith(prefix))
                    .max(Comparator.comparingLong(FilesystemVersion::createTxg));
            if (newest.isEmpty()) {
                without.add(fs.filesystem());
                continue;
            }
            Instant creation = newest.get().creation();
            if (creation.isAfter(now)) {
                hardErrors.put(fs.filesystem(), "snapshot \"" + fs.filesystem() + "@" + newest.get().name()
                        + "\" is from the future: creation=" + creation + " now=" + now);
                continue;
            }
            candidates.put(fs.filesystem(), creation.plus(interval));
        }
        if (hardErrors.size() == filesystems.size()) {
            return new Result(Optional.empty(), Map.of(), List.of(), hardErrors, List.of(),
                    Optional.of("hard errors in determining sync point for every matching filesystem"));
        }
        Instant syncPoint = candidates.values().stream().min(Comparator.naturalOrder()).orElse(now);
        List<String> warnings = new ArrayList<>();
        if (Duration.between(now, syncPoint).compareTo(WARN_MIN_WAIT) > 0) {
            for (String fs : without) {
                warnings.add("filesystem will not be snapshotted until sync point: " + fs);
            }
        }
        return new Result(Optional.of(syncPoint), candidates, without, hardErrors, warnings, Optional.empty());
    }

    /** The next periodic run: {@code interval} after the start of the last one (zrepl's Waiting/ErrorWait). */
    public static Instant nextRun(Instant lastRunStart, Duration interval) {
        return lastRunStart.plus(interval);
    }
}
