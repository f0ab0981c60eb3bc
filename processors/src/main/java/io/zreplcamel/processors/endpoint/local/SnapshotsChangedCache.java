package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The versions of each dataset as last listed, reused while the dataset's {@code snapshots_changed} (OpenZFS ≥ 2.2,
 * seconds) says that no snapshot was created, destroyed or renamed since (as bzfs does). Listing versions costs time
 * per snapshot iterated (measured in the guest: 20–60 s for 2,000 snapshots, whatever the columns), while the
 * filesystem listing that reads {@code snapshots_changed} costs under a second; so a run over filesystems that did
 * not change lists no versions at all.
 *
 * <p>When an entry is trusted: the {@code snapshots_changed} observed by the last filesystem listing equals the one
 * observed before the entry's versions were listed, and that versions listing <em>started in a later second</em>
 * than that value. The property has one-second resolution, so a change in the same second as the listing could
 * leave it unchanged; such an entry is never trusted. A change between the observation and the listing is in the
 * listing, and moves the property past the recorded value, so the entry is not trusted at the next observation
 * either: conservative both ways.
 *
 * <p>What the property does not cover, and why that is safe: bookmarks and holds. The endpoint forgets a dataset's
 * entry whenever it changes the dataset itself (holds, bookmarks, receive, destroy) and whenever a step on it fails
 * (a bookmark destroyed by hand makes the next step's validation fail, which forgets the entry, and the retry lists
 * anew). A bookmark created by hand is seen with the next snapshot change; planning only misses one possible base.
 */
final class SnapshotsChangedCache {

    private record Entry(long snapshotsChanged, long listingStartedSecond, List<FilesystemVersion> versions) {
    }

    private final LongSupplier epochSeconds;
    private final Map<String, Long> observed = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by {@link #forget}: a listing that overlapped a change of the dataset is not recorded. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    SnapshotsChangedCache(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    /** The wall clock the kernel also uses for {@code snapshots_changed}. */
    static SnapshotsChangedCache systemClock() {
        return new SnapshotsChangedCache(() -> System.currentTimeMillis() / 1000);
    }

    /**
     * Records what a filesystem listing showed, for all datasets it covers; entries of datasets it did not show
     * (destroyed, renamed, or without the property) are forgotten.
     *
     * @param scope whether a dataset is within the listing (a receiver lists only below its client root)
     */
    void observe(Map<String, OptionalLong> snapshotsChanged, Predicate<String> scope) {
        observed.keySet().removeIf(scope);
        entries.keySet().removeIf(d -> scope.test(d) && !isPositive(snapshotsChanged.get(d)));
        snapshotsChanged.forEach((dataset, value) -> {
            if (isPositive(value)) {
                observed.put(dataset, value.getAsLong());
            }
        });
    }

    private static boolean isPositive(OptionalLong v) {
        return v != null && v.isPresent() && v.getAsLong() > 0;
    }

    /** The versions still valid for the dataset, if any. */
    Optional<List<FilesystemVersion>> lookup(String dataset) {
        Long now = observed.get(dataset);
        Entry e = entries.get(dataset);
        if (now == null || e == null || e.snapshotsChanged() != now || e.listingStartedSecond() <= e.snapshotsChanged()) {
            return Optional.empty();
        }
        return Optional.of(e.versions());
    }

    /** Call just before listing versions: what the listing will be recorded against. */
    Listing startListing(Collection<String> datasets) {
        Map<String, Long> before = new HashMap<>();
        Map<String, Long> generationBefore = new HashMap<>();
        for (String d : datasets) {
            Long v = observed.get(d);
            if (v != null) {
                before.put(d, v);
                generationBefore.put(d, generations.getOrDefault(d, 0L));
            }
        }
        return new Listing(before, generationBefore, epochSeconds.getAsLong());
    }

    /** The observations a versions listing started from. */
    final class Listing {
        private final Map<String, Long> snapshotsChangedBefore;
        private final Map<String, Long> generationBefore;
        private final long startedSecond;

        private Listing(Map<String, Long> snapshotsChangedBefore, Map<String, Long> generationBefore,
                long startedSecond) {
            this.snapshotsChangedBefore = snapshotsChangedBefore;
            this.generationBefore = generationBefore;
            this.startedSecond = startedSecond;
        }

        /** Remembers the listed versions of a dataset (only if its property was observed before the listing). */
        void record(String dataset, List<FilesystemVersion> versions) {
            Long sc = snapshotsChangedBefore.get(dataset);
            if (sc == null) {
                return;
            }
            Entry entry = new Entry(sc, startedSecond, List.copyOf(versions));
            entries.compute(dataset, (d, old) ->
                    generations.getOrDefault(d, 0L).equals(generationBefore.get(d)) ? entry : old);
        }
    }

    /** Forgets the dataset's versions: the endpoint changed them, or a step on it failed. */
    void forget(String dataset) {
        generations.merge(dataset, 1L, Long::sum);
        entries.remove(dataset);
    }

    int size() {
        return entries.size();
    }
}
