package io.zreplcamel.processors.endpoint.memo;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listings are kept through an invocation until the endpoint changes something, and never across a change. */
class MemoizingEndpointsTest {

    /** Records every call; versions of each filesystem grow by one snapshot per change. */
    static final class CountingEndpoint implements Sender, Receiver {
        final List<String> calls = new ArrayList<>();
        int changes;
        Runnable duringListing = () -> { };

        @Override
        public List<EndpointFilesystem> listFilesystems() {
            calls.add("listFilesystems");
            duringListing.run();
            return List.of(EndpointFilesystem.of("p/a"), EndpointFilesystem.of("p/b"));
        }

        @Override
        public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
            calls.add("listVersions " + filesystems);
            duringListing.run();
            Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
            filesystems.forEach(fs -> out.put(fs, List.of(FilesystemVersion.snapshot("s" + changes, changes, changes,
                    Instant.EPOCH))));
            return out;
        }

        @Override
        public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
            calls.add("cursors " + filesystems);
            Map<String, Optional<FilesystemVersion>> out = new LinkedHashMap<>();
            filesystems.forEach(fs -> out.put(fs, Optional.empty()));
            return out;
        }

        @Override
        public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
            calls.add("destroy " + filesystem);
            changes++;
            return new DestroyOutcome(List.of(), Map.of());
        }

        @Override
        public long estimateSize(StepRequest step) {
            calls.add("estimate");
            return 1;
        }

        @Override
        public OutgoingStream send(StepRequest step) {
            calls.add("send");
            changes++;
            return new OutgoingStream(new ByteArrayInputStream(new byte[0]), false);
        }

        @Override
        public void sendCompleted(StepRequest step) {
            calls.add("sendCompleted");
            changes++;
        }

        @Override
        public long receive(ReceiveStep step, InputStream stream) {
            calls.add("receive");
            changes++;
            return 0;
        }
    }

    @Test
    void aRunThatChangesNothingListsOnce() {
        CountingEndpoint e = new CountingEndpoint();
        Sender s = new MemoizingSender(e);
        for (int i = 0; i < 3; i++) {
            s.listFilesystems();
            s.listVersions(List.of("p/a", "p/b"));
            s.replicationCursors(List.of("p/a"));
        }
        assertThat(e.calls).containsExactly("listFilesystems", "listVersions [p/a, p/b]", "cursors [p/a]");
    }

    @Test
    void onlyTheFilesystemsNotYetListedAreAskedFor() {
        CountingEndpoint e = new CountingEndpoint();
        Receiver r = new MemoizingReceiver(e);
        r.listVersions(List.of("p/a"));
        Map<String, List<FilesystemVersion>> both = r.listVersions(List.of("p/b", "p/a"));
        assertThat(e.calls).containsExactly("listVersions [p/a]", "listVersions [p/b]");
        assertThat(both).containsOnlyKeys("p/a", "p/b");
        assertThat(both.keySet()).containsExactly("p/b", "p/a");
    }

    @Test
    void everyChangeDropsWhatWasListed() {
        CountingEndpoint e = new CountingEndpoint();
        MemoizingSender s = new MemoizingSender(e);
        s.listFilesystems();
        assertThat(s.listVersions(List.of("p/a")).get("p/a").get(0).name()).isEqualTo("s0");
        s.destroySnapshots("p/a", List.of());
        assertThat(s.listVersions(List.of("p/a")).get("p/a").get(0).name()).isEqualTo("s1");
        s.listFilesystems();
        s.send(null);
        s.listVersions(List.of("p/a"));
        s.sendCompleted(null);
        s.listVersions(List.of("p/a"));
        s.estimateSize(null);
        s.estimateSize(null);
        assertThat(e.calls).containsExactly("listFilesystems", "listVersions [p/a]", "destroy p/a",
                "listVersions [p/a]", "listFilesystems", "send", "listVersions [p/a]", "sendCompleted",
                "listVersions [p/a]", "estimate", "estimate");
    }

    @Test
    void aReceiveDropsTheReceiversListings() {
        CountingEndpoint e = new CountingEndpoint();
        MemoizingReceiver r = new MemoizingReceiver(e);
        r.listFilesystems();
        r.receive(null, new ByteArrayInputStream(new byte[0]));
        r.listFilesystems();
        assertThat(e.calls).containsExactly("listFilesystems", "receive", "listFilesystems");
    }

    @Test
    void aListingThatOverlapsAChangeIsReturnedButNotKept() {
        CountingEndpoint e = new CountingEndpoint();
        MemoizingSender s = new MemoizingSender(e);
        e.duringListing = () -> {
            e.duringListing = () -> { };
            s.destroySnapshots("p/b", List.of()); // another step changes the endpoint meanwhile
        };
        s.listVersions(List.of("p/a"));
        s.listVersions(List.of("p/a"));
        assertThat(e.calls).containsExactly("listVersions [p/a]", "destroy p/b", "listVersions [p/a]");
        e.duringListing = () -> {
            e.duringListing = () -> { };
            s.send(null);
        };
        s.listFilesystems();
        s.listFilesystems();
        assertThat(e.calls).endsWith("listFilesystems", "send", "listFilesystems");
    }
}
