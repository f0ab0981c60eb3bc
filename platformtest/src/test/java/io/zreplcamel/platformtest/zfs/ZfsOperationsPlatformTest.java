package io.zreplcamel.platformtest.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.CommandResult;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.error.BookmarkExistsException;
import io.zreplcamel.zfs.error.DatasetBusyException;
import io.zreplcamel.zfs.error.DatasetError;
import io.zreplcamel.zfs.error.DatasetExistsException;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsErrorClassifier;
import io.zreplcamel.zfs.feature.ZfsFeature;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.Hold;
import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.model.ZfsVersion;
import io.zreplcamel.zfs.stream.ZfsStreamException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The non-streaming operations of the ZFS layer and the zfs: component against real OpenZFS, with process counts:
 * batched destroy, atomic multi-dataset snapshots, holds, bookmarks, properties and the typed errors.
 */
@PlatformTest
class ZfsOperationsPlatformTest {

    @Test
    void batchedDestroyOfAThousandSnapshotsSkipsTheHeldOne(TestPool p) {
        // ZFS takes at most one snapshot per filesystem and transaction group, so 1000 snapshots cost 1000 txgs:
        // 25 filesystems x 40 recursive snapshots (65 commands) instead of 1000 single ones.
        String root = p.ds("many");
        StringBuilder setup = new StringBuilder("zfs create '" + root + "'");
        for (int c = 1; c < 25; c++) {
            setup.append(" && zfs create '").append(root).append("/c").append(c).append('\'');
        }
        for (int r = 0; r < 40; r++) {
            setup.append(" && zfs snapshot -r '").append(root).append(String.format("@s%02d'", r));
        }
        Sh.bash(setup.toString());
        try (Zfs zfs = Zfs.withDefaults()) {
            zfs.features();
            List<String> names = zfs.list(new ListRequest(List.of(root), EnumSet.of(DatasetType.SNAPSHOT), true, -1,
                    List.of())).stream().map(DatasetEntry::name).toList();
            assertThat(names).hasSize(1000);
            String held = root + "/c7@s20";
            zfs.hold("keep me", List.of(held), false);
            zfs.hold("keep me", List.of(held), false); // idempotent

            DestroyResult r = zfs.destroySnapshots(names);
            System.out.println("batched destroy: " + r.destroyed().size() + " destroyed, " + r.failed().size()
                    + " kept, " + r.processes() + " zfs processes");
            assertThat(r.destroyed()).hasSize(999);
            assertThat(r.failed()).containsOnlyKeys(held);
            assertThat(r.failed().get(held)).isInstanceOf(DatasetBusyException.class);
            // one comma batch per filesystem (25); c7's batch is refused whole because of the hold, so it is
            // retried without the held snapshot (1) and the held one is tried alone for its own error (1)
            assertThat(r.processes()).isEqualTo(27);
            List<DatasetEntry> left = zfs.list(new ListRequest(List.of(root), EnumSet.of(DatasetType.SNAPSHOT), true,
                    -1, List.of()));
            assertThat(left).extracting(DatasetEntry::name).containsExactly(held);
            assertThat(left.get(0).userRefs()).hasValue(1);

            List<Hold> holds = zfs.holds(List.of(held), false);
            assertThat(holds).extracting(Hold::tag).containsExactly("keep me");
            ZfsTestSupport.capture("holds.txt", p.zfs("holds", "-H", "-p", held).stdout());
            zfs.release("keep me", List.of(held), false);
            zfs.release("keep me", List.of(held), false); // idempotent
            assertThat(zfs.destroySnapshots(List.of(held)).allDestroyed()).isTrue();
            // destroying what is gone counts as done
            assertThat(zfs.destroySnapshots(List.of(root + "@s01", root + "@s02")).allDestroyed()).isTrue();
        }
    }

    @Test
    void oneSnapshotCallCoversSeveralDatasetsAtomicallyAndTheConsumerSeesIt(TestPool p) throws Exception {
        Sh.bash("zfs create '" + p.ds("a") + "' && zfs create '" + p.ds("b with space") + "' && zfs create '"
                + p.ds("a/c") + "'");
        String datasets = p.ds("a") + "," + p.ds("b with space") + "," + p.ds("a/c");
        CamelContext ctx = ZfsTestSupport.camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:snap").to("zfs:snapshot?snapshot=x");
                from("zfs:snapshots?dataset=" + p.ds("a") + "&emitExisting=true&initialDelay=0&delay=1000")
                        .to("mock:snapshots");
            }
        });
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            @SuppressWarnings("unchecked")
            List<String> created = t.requestBodyAndHeader("direct:snap", null, ZfsConstants.DATASETS,
                    List.of(datasets.split(",")), List.class);
            assertThat(ZfsTestSupport.spawned(ctx, "zfs snapshot")).as("one zfs snapshot process").isEqualTo(1);
            assertThat(created).hasSize(3);
            try (Zfs zfs = Zfs.withDefaults()) {
                List<DatasetEntry> snaps = zfs.list(new ListRequest(List.of(p.name()),
                        EnumSet.of(DatasetType.SNAPSHOT), true, -1, List.of()));
                assertThat(snaps).extracting(DatasetEntry::name).containsExactlyInAnyOrderElementsOf(created);
                Set<Long> txgs = snaps.stream().map(DatasetEntry::createTxg).collect(Collectors.toSet());
                assertThat(txgs).as("same transaction group: atomic").hasSize(1);
            }
            MockEndpoint mock = ctx.getEndpoint("mock:snapshots", MockEndpoint.class);
            mock.expectedMinimumMessageCount(1);
            mock.assertIsSatisfied(30_000);
            Exchange first = mock.getExchanges().get(0);
            assertThat(first.getMessage().getHeader(ZfsConstants.SNAPSHOT)).isIn(p.ds("a@x"));
            assertThat(first.getMessage().getBody(DatasetEntry.class).type()).isEqualTo(DatasetType.SNAPSHOT);
        } finally {
            ctx.close();
        }
    }

    @Test
    void typedErrorsBookmarksAndPropertiesOnRealZfs(TestPool p) {
        String fs = p.ds("fs");
        Sh.bash("zfs create '" + fs + "' && zfs snapshot '" + fs + "@s1' && zfs snapshot '" + fs + "@s2'");
        try (Zfs zfs = Zfs.withDefaults()) {
            // missing datasets, snapshots and bookmarks name themselves
            assertNotFound(() -> zfs.list(ListRequest.datasets(List.of(p.ds("missing")))), p.ds("missing"));
            assertNotFound(() -> zfs.get(fs + "@nope", "guid"), fs + "@nope");
            assertNotFound(() -> zfs.get(fs + "#nope", "guid"), fs + "#nope");
            assertNotFound(() -> zfs.destroyFilesystem(p.ds("missing"), false), p.ds("missing"));
            assertThatThrownBy(() -> zfs.destroy(fs + "@nope", false)).isInstanceOf(DatasetNotFoundException.class);
            assertThatThrownBy(() -> zfs.send(SendRequest.full(fs + "@nope")).readAllBytes())
                    .isInstanceOfSatisfying(ZfsStreamException.class,
                            e -> assertThat(e.zfsFailure()).isInstanceOf(DatasetNotFoundException.class));

            // a held snapshot is busy
            zfs.hold("zrepl_STEP_J_job a", List.of(fs + "@s1"), false);
            assertThatThrownBy(() -> zfs.destroy(fs + "@s1", false))
                    .isInstanceOfSatisfying(DatasetBusyException.class, e -> {
                        assertThat(e.dataset()).isEqualTo(fs + "@s1");
                        ZfsTestSupport.capture("error-destroy-held.txt", e.stderr());
                    });
            assertThatThrownBy(() -> zfs.snapshot(List.of(fs + "@s1"), false, Map.of()))
                    .isInstanceOf(DatasetExistsException.class);

            // bookmarks: idempotent for the same snapshot, refused for another
            assertThat(zfs.bookmark(fs + "@s1", "#b1")).isEqualTo(fs + "#b1");
            assertThat(zfs.bookmark(fs + "@s1", "#b1")).isEqualTo(fs + "#b1");
            assertThatThrownBy(() -> zfs.bookmark(fs + "@s2", fs + "#b1")).isInstanceOf(BookmarkExistsException.class);
            if (zfs.supports(ZfsFeature.BOOKMARK_COPY)) {
                assertThat(zfs.bookmark(fs + "#b1", "#b1copy")).isEqualTo(fs + "#b1copy");
            }

            // user properties with their source, inheritance and the resume token of a dataset without one
            zfs.set(fs, Map.of("zrepl:placeholder", "on", "user:note", "two words"));
            List<PropertyValue> props = zfs.get(List.of(fs), List.of("zrepl:placeholder", "user:note",
                    "compression", "receive_resume_token"), false, -1, null);
            ZfsTestSupport.capture("get.txt", p.zfs("get", "-H", "-p", "-o", "name,property,value,source",
                    "zrepl:placeholder,user:note,compression,receive_resume_token,mountpoint", fs, fs + "@s2").stdout());
            assertThat(props.get(0).value()).isEqualTo("on");
            assertThat(props.get(0).source()).isEqualTo(PropertySource.LOCAL);
            assertThat(props.get(1).value()).isEqualTo("two words");
            assertThat(props.get(2).source().kind()).isIn(PropertySource.Kind.DEFAULT, PropertySource.Kind.INHERITED);
            assertThat(props.get(3).isSet()).isFalse();
            assertThat(zfs.receiveResumeToken(fs)).isEmpty();
            zfs.inherit(fs, "user:note", false, false);
            assertThat(zfs.get(fs, "user:note").isSet()).isFalse();
            p.zfs("create", p.ds("fs/child"));
            assertThat(zfs.get(p.ds("fs/child"), "zrepl:placeholder").source().inheritedFrom()).isEqualTo(fs);

            // version and features of the real binary
            ZfsVersion v = zfs.version();
            System.out.println("zfs: " + v + ", features " + zfs.features().supported());
            assertThat(v.atLeast(2, 0)).isTrue();
            assertThat(zfs.features().supported()).contains(ZfsFeature.RESUMABLE_SEND, ZfsFeature.RESUMABLE_RECEIVE,
                    ZfsFeature.BOOKMARKS, ZfsFeature.ENCRYPTION, ZfsFeature.COMMA_DESTROY, ZfsFeature.HOLDS_PARSABLE,
                    ZfsFeature.BOOKMARK_COPY);
            assertThat(zfs.poolSupportsResumableReceive(p.name())).isTrue();
            ZfsTestSupport.capture("version.txt", p.zfs("version").stdout());
            CommandResult usage = zfs.runner().runAllowingFailure(io.zreplcamel.zfs.cmd.Command.zfs("-?"));
            ZfsTestSupport.capture("usage.txt", usage.stdoutText() + usage.stderr());
            ZfsTestSupport.capture("dry-run-full.txt", p.zfs("send", "-n", "-P", fs + "@s2").stdout());
            ZfsTestSupport.capture("dry-run-incremental.txt", p.zfs("send", "-n", "-P", "-i", "#b1", fs + "@s2")
                    .stdout());
            ZfsTestSupport.capture("list.txt", p.zfs("list", "-H", "-p", "-o",
                    "name,type,guid,createtxg,creation,userrefs", "-t", "all", "-r", "-s", "createtxg", p.name())
                    .stdout());
            captureError("error-list-missing.txt", "zfs", "list", p.ds("missing"));
            captureError("error-get-missing-bookmark.txt", "zfs", "get", "guid", fs + "#nope");
            captureError("error-destroy-missing-snapshots.txt", "zfs", "destroy", fs + "@nope1,nope2");
            captureError("error-bookmark-exists.txt", "zfs", "bookmark", fs + "@s2", fs + "#b1");
            captureError("error-resume-corrupt.txt", "zfs", "send", "-t", "1-abc-10-789c");
        }
    }

    private static void captureError(String name, String... command) {
        Sh.Result r = Sh.exec(command);
        assertThat(r.exitCode()).as(String.join(" ", command)).isNotZero();
        ZfsTestSupport.capture(name, r.stderr());
        ZfsCommandException e = ZfsErrorClassifier.classify(List.of(command), r.exitCode(), r.stderr());
        System.out.println(name + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DatasetNotFoundException.class,
                e -> assertThat(((DatasetError) e).dataset()).isEqualTo(name));
    }
}
