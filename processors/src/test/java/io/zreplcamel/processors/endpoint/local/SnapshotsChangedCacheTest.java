package io.zreplcamel.processors.endpoint.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the versions of a dataset may be reused instead of listed again (the one-second resolution matters). */
class SnapshotsChangedCacheTest {

    private final AtomicLong now = new AtomicLong(1000);
    private final SnapshotsChangedCache cache = new SnapshotsChangedCache(now::get);
    private static final List<FilesystemVersion> V = List.of(FilesystemVersion.snapshot("s1", 1, 1, Instant.EPOCH));

    private void observe(String ds, long snapshotsChanged) {
        cache.observe(Map.of(ds, OptionalLong.of(snapshotsChanged)), d -> d.startsWith("p/"));
    }

    private void list(String ds) {
        cache.startListing(List.of(ds)).record(ds, V);
    }

    @Test
    void unchangedSinceAListingInALaterSecondIsReused() {
        observe("p/a", 990);
        list("p/a");
        now.set(1100);
        observe("p/a", 990);
        assertThat(cache.lookup("p/a")).contains(V);
    }

    @Test
    void aListingInTheSameSecondAsTheLastChangeIsNeverTrusted() {
        observe("p/a", 1000); // a snapshot was made this very second: another one may follow in it unseen
        list("p/a");
        now.set(1100);
        observe("p/a", 1000);
        assertThat(cache.lookup("p/a")).isEmpty();
    }

    @Test
    void aChangeSinceTheListingIsSeen() {
        observe("p/a", 990);
        list("p/a");
        observe("p/a", 1001);
        assertThat(cache.lookup("p/a")).isEmpty();
    }

    @Test
    void aChangeBetweenObservationAndListingIsRecordedAgainstTheOlderValue() {
        observe("p/a", 990);
        SnapshotsChangedCache.Listing listing = cache.startListing(List.of("p/a"));
        // a snapshot is made now (995 would be the kernel's value), the listing includes it
        listing.record("p/a", V);
        now.set(1100);
        observe("p/a", 995);
        assertThat(cache.lookup("p/a")).as("995 != 990: listed again").isEmpty();
    }

    @Test
    void withoutThePropertyNothingIsKept() {
        cache.observe(Map.of("p/a", OptionalLong.empty()), d -> true);
        list("p/a");
        assertThat(cache.lookup("p/a")).isEmpty();
        cache.observe(Map.of("p/b", OptionalLong.of(0)), d -> true);
        list("p/b");
        assertThat(cache.lookup("p/b")).as("0: never changed or not set").isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void forgetDropsTheEntryAndAListingThatOverlappedIt() {
        observe("p/a", 990);
        list("p/a");
        cache.forget("p/a");
        assertThat(cache.lookup("p/a")).isEmpty();

        SnapshotsChangedCache.Listing overlapping = cache.startListing(List.of("p/a"));
        cache.forget("p/a"); // e.g. a bookmark made while the listing ran
        overlapping.record("p/a", V);
        assertThat(cache.lookup("p/a")).isEmpty();
    }

    @Test
    void aDatasetMissingFromTheNextListingIsForgottenButOnlyWithinItsScope() {
        cache.observe(Map.of("p/a", OptionalLong.of(990), "q/x", OptionalLong.of(990)), d -> true);
        list("p/a");
        list("q/x");
        now.set(1100);
        cache.observe(Map.of(), d -> d.startsWith("p/")); // p/a destroyed; q/x not in this listing's scope
        assertThat(cache.lookup("p/a")).isEmpty();
        assertThat(cache.lookup("q/x")).contains(V);
        cache.observe(Map.of("p/a", OptionalLong.of(990)), d -> d.startsWith("p/"));
        assertThat(cache.lookup("p/a")).as("recreated with the same value: its old entry is gone").isEmpty();
    }
}
