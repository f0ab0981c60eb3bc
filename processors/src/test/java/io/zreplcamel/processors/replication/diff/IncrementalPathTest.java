package io.zreplcamel.processors.replication.diff;

import static io.zreplcamel.processors.replication.plan.History.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.diff.IncrementalPath.Conflicting;
import io.zreplcamel.processors.replication.diff.IncrementalPath.Incremental;
import io.zreplcamel.processors.replication.diff.IncrementalPath.Initial;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.replication.plan.History;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalPathTest {

    private static final String FS = "pool/data";

    private static IncrementalPath.Result diff(List<FilesystemVersion> sender, List<FilesystemVersion> receiver) {
        return IncrementalPath.between(FS, sender, receiver);
    }

    private static List<String> names(List<FilesystemVersion> versions) {
        return versions.stream().map(FilesystemVersion::relativeName).toList();
    }

    private static Incremental incremental(IncrementalPath.Result r) {
        assertThat(r).isInstanceOf(Incremental.class);
        return (Incremental) r;
    }

    private static Conflicting conflicting(IncrementalPath.Result r, ConflictKind kind) {
        assertThat(r).isInstanceOf(Conflicting.class);
        Conflicting c = (Conflicting) r;
        assertThat(c.conflict().kind()).isEqualTo(kind);
        assertThat(c.conflict().message()).startsWith(FS + ": ");
        return c;
    }

    @Test
    void emptyReceiverNeedsInitialReplicationOfTheSenderSnapshotsOldestFirst() {
        IncrementalPath.Result r = diff(of("@a:1", "#b:2", "@c:3", "@d:4"), List.of());
        assertThat(r).isInstanceOf(Initial.class);
        assertThat(names(((Initial) r).senderSnapshots())).containsExactly("@a", "@c", "@d");
    }

    @Test
    void receiverWithOnlyBookmarksCountsAsEmpty() {
        IncrementalPath.Result r = diff(of("@a:1", "@b:2"), of("#a:1", "#b:2"));
        assertThat(r).isInstanceOf(Initial.class);
    }

    @Test
    void senderWithoutVersionsIsNoSenderSnapshots() {
        conflicting(diff(List.of(), List.of()), ConflictKind.NO_SENDER_SNAPSHOTS);
        conflicting(diff(List.of(), of("@a:1")), ConflictKind.NO_SENDER_SNAPSHOTS);
    }

    @Test
    void initialReplicationFromASenderWithOnlyBookmarksIsAConflictNotACrash() {
        Conflicting c = conflicting(diff(of("#a:1", "#b:2"), List.of()), ConflictKind.SENDER_HAS_ONLY_BOOKMARKS);
        assertThat(c.conflict().message()).contains("#a, #b", "take a snapshot");
    }

    @Test
    void commonSnapshotThenTheSenderSnapshotsAfterIt() {
        Incremental i = incremental(diff(of("@a:1", "@b:2", "#c:3", "@d:4", "@e:5"), of("@a:1", "@b:2")));
        assertThat(i.common().relativeName()).isEqualTo("@b");
        assertThat(i.common().isSnapshot()).isTrue();
        assertThat(names(i.snapshotsAfter())).containsExactly("@d", "@e");
        assertThat(i.upToDate()).isFalse();
    }

    @Test
    void aSenderBookmarkIsACommonBaseWhenTheSnapshotIsGone() {
        Incremental i = incremental(diff(of("#b:2", "@c:3", "@d:4"), of("@a:1", "@b:2")));
        assertThat(i.common().relativeName()).isEqualTo("#b");
        assertThat(names(i.snapshotsAfter())).containsExactly("@c", "@d");
    }

    @Test
    void theSnapshotWinsOverItsBookmark() {
        FilesystemVersion bookmark = History.version("#zrepl_CURSOR:2:20", 20);
        FilesystemVersion snap = History.version("@b:2:20", 20);
        List<FilesystemVersion> sender = new ArrayList<>(List.of(snap, bookmark, History.version("@c:3:30", 30)));
        for (int i = 0; i < 2; i++) {
            Collections.reverse(sender);
            Incremental inc = incremental(diff(sender, of("@b:2")));
            assertThat(inc.common()).isEqualTo(snap);
            assertThat(names(inc.snapshotsAfter())).containsExactly("@c");
        }
    }

    @Test
    void sameNewestGuidIsUpToDate() {
        assertThat(incremental(diff(of("@a:1", "@b:2"), of("@a:1", "@b:2"))).upToDate()).isTrue();
        assertThat(incremental(diff(of("#a:1", "#b:2"), of("@b:2"))).upToDate()).isTrue();
    }

    @Test
    void versionsAreMatchedByGuidNotByName() {
        Incremental renamed = incremental(diff(of("@a:1", "@renamed:2", "@c:3"), of("@a:1", "@b:2")));
        assertThat(renamed.common().relativeName()).isEqualTo("@renamed");
        assertThat(names(renamed.snapshotsAfter())).containsExactly("@c");
        conflicting(diff(of("@a:1", "@b:2"), of("@a:7", "@b:8")), ConflictKind.NO_COMMON_ANCESTOR);
    }

    @Test
    void eachSideIsOrderedByItsOwnCreatetxgWhateverTheInputOrder() {
        // the receiver's txgs are its own and unrelated to the sender's; input order is irrelevant
        List<FilesystemVersion> sender = List.of(History.version("@c:3:300", 0), History.version("@a:1:100", 0),
                History.version("@b:2:200", 0));
        List<FilesystemVersion> receiver = List.of(History.version("@b:2:6", 0), History.version("@a:1:5", 0));
        Incremental i = incremental(diff(sender, receiver));
        assertThat(i.common().relativeName()).isEqualTo("@b");
        assertThat(names(i.snapshotsAfter())).containsExactly("@c");
    }

    @Test
    void senderSnapshotsOlderThanTheCommonOneAreNotSent() {
        Incremental i = incremental(diff(of("@old:9", "@a:1", "@b:2", "@c:3"), of("@b:2")));
        assertThat(names(i.snapshotsAfter())).containsExactly("@c");
    }

    @Test
    void receiverBookmarksNeverConflict() {
        Incremental i = incremental(diff(of("@a:1", "@b:2", "@c:3"), of("@a:1", "@b:2", "#foreign:99")));
        assertThat(names(i.snapshotsAfter())).containsExactly("@c");
    }

    @Test
    void receiverSnapshotsAfterTheCommonOneAreADivergence() {
        Conflicting c = conflicting(diff(of("@a:1", "@b:2", "@c:3"), of("@a:1", "@b:2", "@x:90", "@y:91")),
                ConflictKind.DIVERGED);
        assertThat(c.conflict().message()).contains("last common: @b", "sender only: @c",
                "receiver only: @x, @y", "roll it back to @b");
    }

    @Test
    void aDivergenceWithNothingNewOnTheSenderNamesNone() {
        Conflicting c = conflicting(diff(of("@a:1", "@b:2"), of("@a:1", "@b:2", "@x:90")), ConflictKind.DIVERGED);
        assertThat(c.conflict().message()).contains("sender only: (none)", "receiver only: @x");
    }

    @Test
    void nothingInCommonWithANonEmptyReceiverIsNoCommonAncestor() {
        Conflicting c = conflicting(diff(of("@a:1", "#b:2"), of("@x:90")), ConflictKind.NO_COMMON_ANCESTOR);
        assertThat(c.conflict().message()).contains("sender: @a, #b", "receiver: @x");
        conflicting(diff(of("#a:1"), of("@x:90")), ConflictKind.NO_COMMON_ANCESTOR);
    }
}
