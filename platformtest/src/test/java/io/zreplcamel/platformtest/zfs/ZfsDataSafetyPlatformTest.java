package io.zreplcamel.platformtest.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.component.DestructiveHeaderException;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.Hold;
import io.zreplcamel.zfs.names.InvalidNameException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a message can make the zfs: component destroy on real OpenZFS: no header turns a non-destructive endpoint
 * into a destructive one, a filesystem is destroyed only with {@code allowFilesystemDestroy=true}, names that zfs
 * could take for options or that leave their parent are refused before any process, and the {@code --} the layer
 * puts before operands is accepted by every subcommand it is used with.
 */
@PlatformTest
class ZfsDataSafetyPlatformTest {

    private static CamelContext camel() {
        return ZfsTestSupport.camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:op").toD("${header.uri}");
            }
        });
    }

    private static Exchange send(ProducerTemplate t, String uri, Map<String, Object> headers) {
        return t.send("direct:op", e -> {
            e.getMessage().setHeaders(new HashMap<>(headers));
            e.getMessage().setHeader("uri", uri);
        });
    }

    private static boolean exists(TestPool p, String name) {
        return p.listAll().contains(name);
    }

    @Test
    void aHeaderCannotMakeZfsListDestroyARealDataset(TestPool p) throws Exception {
        String fs = p.ds("keep");
        p.zfs("create", fs);
        p.zfs("snapshot", fs + "@s");
        CamelContext ctx = camel();
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            Exchange out = send(t, "zfs:list", Map.of(ZfsConstants.OPERATION, "destroy", ZfsConstants.DATASET, fs));
            assertThat(out.getException()).isInstanceOf(DestructiveHeaderException.class);
            Exchange rollback = send(t, "zfs:snapshots?dataset=" + fs, Map.of(ZfsConstants.OPERATION, "rollback",
                    ZfsConstants.SNAPSHOT, fs + "@s"));
            assertThat(rollback.getException()).isInstanceOf(DestructiveHeaderException.class);
            assertThat(ZfsTestSupport.spawned(ctx)).as("no zfs process ran").isZero();
            assertThat(exists(p, fs)).isTrue();
            assertThat(exists(p, fs + "@s")).isTrue();
        } finally {
            ctx.close();
        }
    }

    @Test
    void zfsDestroyDestroysARealFilesystemOnlyWithAllowFilesystemDestroy(TestPool p) throws Exception {
        String fs = p.ds("victim");
        p.zfs("create", fs);
        p.zfs("create", fs + "/child");
        p.zfs("snapshot", "-r", fs + "@s");
        CamelContext ctx = camel();
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            Exchange refused = send(t, "zfs:destroy?recursive=true&dataset=" + fs, Map.of());
            assertThat(refused.getException()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(fs).hasMessageContaining("allowFilesystemDestroy=true");
            Exchange refusedFromHeader = send(t, "zfs:destroy?recursive=true", Map.of(ZfsConstants.DATASET, fs));
            assertThat(refusedFromHeader.getException()).isInstanceOf(IllegalArgumentException.class);
            assertThat(ZfsTestSupport.spawned(ctx, "zfs destroy")).isZero();
            assertThat(p.listAll()).contains(fs, fs + "/child", fs + "@s", fs + "/child@s");

            // snapshot destroys need no option, recursive ones included
            assertThat(send(t, "zfs:destroy?recursive=true&snapshot=s&dataset=" + fs, Map.of()).getException())
                    .isNull();
            assertThat(p.listAll()).contains(fs, fs + "/child").doesNotContain(fs + "@s", fs + "/child@s");

            Exchange allowed = send(t, "zfs:destroy?recursive=true&allowFilesystemDestroy=true&dataset=" + fs,
                    Map.of());
            assertThat(allowed.getException()).isNull();
            assertThat(p.listAll()).doesNotContain(fs, fs + "/child");
        } finally {
            ctx.close();
        }
    }

    @Test
    void namesThatLookLikeOptionsOrLeaveTheirParentAreRejectedBeforeAnyProcess(TestPool p) throws Exception {
        String fs = p.ds("fs");
        p.zfs("create", fs);
        p.zfs("snapshot", fs + "@s");
        CamelContext ctx = camel();
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            for (String bad : List.of("-r", "-" + p.name() + "/fs", p.ds(".."), p.ds("fs/.."), p.ds("../fs"),
                    p.ds("fs/../fs"))) {
                assertThat(send(t, "zfs:list", Map.of(ZfsConstants.DATASET, bad)).getException()).as(bad)
                        .isInstanceOf(InvalidNameException.class);
                assertThat(send(t, "zfs:destroy", Map.of(ZfsConstants.DATASET, bad, ZfsConstants.SNAPSHOT, "s"))
                        .getException()).as(bad).isInstanceOf(InvalidNameException.class);
                assertThat(send(t, "zfs:destroy?allowFilesystemDestroy=true&recursive=true",
                        Map.of(ZfsConstants.DATASET, bad)).getException()).as(bad)
                        .isInstanceOf(InvalidNameException.class);
                assertThat(send(t, "zfs:snapshot", Map.of(ZfsConstants.DATASET, bad, ZfsConstants.SNAPSHOT, "x"))
                        .getException()).as(bad).isInstanceOf(InvalidNameException.class);
            }
            assertThat(ZfsTestSupport.spawned(ctx)).as("no zfs process ran").isZero();
            assertThat(p.listAll()).contains(fs, fs + "@s");
        } finally {
            ctx.close();
        }
    }

    /**
     * Every subcommand the layer runs with {@code --} before its operands accepts it on this OpenZFS (the guest's
     * version is in zfs-version.txt), including on names and a hold tag that begin with {@code -}: a dataset
     * component may (only the pool must begin with a letter), and so may a hold tag.
     */
    @Test
    void everySubcommandAcceptsTheDoubleDashBeforeItsOperands(TestPool p) throws Exception {
        String fs = p.ds("-dash");
        String dst = p.ds("copy");
        try (Zfs zfs = Zfs.withDefaults()) {
            p.zfs("create", fs); // "pool/-dash" does not begin with '-': zfs create needs no "--" for it
            assertThat(zfs.list(ListRequest.datasets(List.of(fs)))).extracting(e -> e.name()).containsExactly(fs);
            zfs.snapshot(List.of(fs + "@a"), false, Map.of("zrepl:x", "1"));                        // snapshot --
            zfs.snapshotAll(List.of(fs), "b");
            assertThat(zfs.get(fs + "@a", "zrepl:x").value()).isEqualTo("1");                      // get --
            zfs.set(fs, Map.of("zrepl:y", "2"));
            zfs.inherit(fs, "zrepl:y", false, false);                                               // inherit --
            assertThat(zfs.get(fs, "zrepl:y").value()).isEqualTo("-");
            assertThat(zfs.bookmark(fs + "@a", "#bm")).isEqualTo(fs + "#bm");                       // bookmark --
            zfs.hold("-r", List.of(fs + "@a"), false);                                              // hold --
            assertThat(zfs.holds(List.of(fs + "@a"), false)).extracting(Hold::tag).containsExactly("-r"); // holds --
            zfs.release("-r", List.of(fs + "@a"), false);                                           // release --
            assertThat(zfs.holds(List.of(fs + "@a"), false)).isEmpty();
            zfs.receive(ReceiveRequest.into(dst), zfs.send(SendRequest.full(fs + "@a")));          // send --, receive --
            assertThat(zfs.estimateSend(SendRequest.incremental("@a", fs + "@b")).incremental()).isTrue();
            zfs.receive(ReceiveRequest.into(dst).withDirectPipe(false),
                    zfs.send(SendRequest.incremental("#bm", fs + "@b")));
            assertThat(zfs.listVersions(dst, EnumSet.of(DatasetType.SNAPSHOT))).extracting(e -> e.shortName())
                    .containsExactly("a", "b");
            zfs.abortResumableReceive(dst);                                                         // receive -A --
            assertThat(zfs.poolSupportsResumableReceive(p.name())).isTrue();                        // zpool get --
            zfs.rollback(fs + "@a", true, false, false);                                            // rollback --
            zfs.snapshotAll(List.of(fs), "c");
            zfs.snapshotAll(List.of(fs), "d");
            zfs.snapshotAll(List.of(fs), "e");
            zfs.destroyRange(fs, "c", "c");                                                         // destroy -- a%b
            DestroyResult batch = zfs.destroySnapshots(List.of(fs + "@d", fs + "@e"));              // destroy -- a,b
            assertThat(batch.allDestroyed()).isTrue();
            zfs.destroy(fs + "#bm", false);                                                         // destroy --
            zfs.destroy(fs + "@a", false);
            assertThat(p.listAll()).contains(fs).noneMatch(n -> n.startsWith(fs + "@") || n.startsWith(fs + "#"));
            zfs.destroyFilesystem(dst, true);                                                       // destroy -r --
            zfs.destroyFilesystem(fs, false);
            assertThat(p.listAll()).doesNotContain(fs, dst);
        }
    }
}
