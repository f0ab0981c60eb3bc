package io.zreplcamel.platformtest.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.error.DestinationModifiedException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.model.SendEstimate;
import io.zreplcamel.zfs.stream.ReceiveResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Replication through Camel routes over real OpenZFS: {@code zfs:send} produces the stream as the body and
 * {@code zfs:recv} consumes it, never buffered in the JVM. Data is incompressible; trees are compared with
 * sha256sum on both sides.
 */
@PlatformTest
class ZfsComponentReplicationTest {

    static final long MIB = 1024 * 1024;

    @Test
    void fullSendOf256MiBThenIncrementalFromABookmark(TestPool src, TestPool dst) throws Exception {
        String data = src.ds("data");
        String target = dst.ds("data");
        src.zfs("create", "-o", "compression=off", data);
        ZfsTestSupport.writeRandom(src.mountpoint("data").resolve("big.bin"), 256 * MIB, 1);
        CamelContext ctx = ZfsTestSupport.camel(new RouteBuilder() {
            @Override
            public void configure() {
                // the full stream goes process to process (directPipe, the default); the incremental one is
                // copied through the JVM, as it would be over a network transport
                from("direct:replicate").to("zfs:send").to("zfs:recv?dataset=" + target);
                from("direct:replicateCopy").to("zfs:send").to("zfs:recv?directPipe=false&dataset=" + target);
                from("direct:op").toD("${header.uri}");
            }
        });
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            t.requestBodyAndHeader("direct:op", null, "uri", "zfs:snapshot?dataset=" + data + "&snapshot=a");

            long before = ZfsTestSupport.spawned(ctx);
            Exchange full = t.send("direct:replicate", e -> e.getMessage().setHeader(ZfsConstants.SNAPSHOT,
                    data + "@a"));
            assertThat(full.getException()).isNull();
            assertThat(ZfsTestSupport.spawned(ctx) - before).as("one zfs send and one zfs recv").isEqualTo(2);
            assertThat(full.getMessage().getHeader(ZfsConstants.RECEIVED_BYTES, Long.class)).as("direct pipe")
                    .isEqualTo(ReceiveResult.UNKNOWN_BYTES);
            assertThat(full.getMessage().getBody(ReceiveResult.class).target()).isEqualTo(target);
            String atA = ZfsTestSupport.sha256Tree(src.mountpoint("data"));
            assertThat(ZfsTestSupport.sha256Tree(dst.mountpoint("data"))).isEqualTo(atA).contains("big.bin");

            // bookmark @a, then destroy @a: the next incremental can only come from the bookmark
            t.requestBodyAndHeader("direct:op", null, "uri", "zfs:bookmark?snapshot=" + data + "@a&bookmark=%23a");
            t.requestBodyAndHeader("direct:op", null, "uri", "zfs:destroy?snapshot=" + data + "@a");
            ZfsTestSupport.writeRandom(src.mountpoint("data").resolve("more.bin"), 32 * MIB, 2);
            t.requestBodyAndHeader("direct:op", null, "uri", "zfs:snapshot?dataset=" + data + "&snapshot=b");

            SendEstimate estimate = t.requestBodyAndHeader("direct:op", null, "uri",
                    "zfs:send?snapshot=" + data + "@b&from=%23a&dryRun=true", SendEstimate.class);
            System.out.println("dry run from bookmark: " + estimate);
            assertThat(estimate.incremental()).isTrue();
            assertThat(estimate.sizeBytes()).isBetween(32 * MIB, 40 * MIB);

            // the receiver was changed after @a: without -F the incremental is refused with the typed error
            Files.writeString(dst.mountpoint("data").resolve("local-change"), "x");
            Exchange refused = t.send("direct:replicateCopy", e -> {
                e.getMessage().setHeader(ZfsConstants.SNAPSHOT, data + "@b");
                e.getMessage().setHeader(ZfsConstants.FROM, "#a");
            });
            assertThat(refused.getException()).isInstanceOf(DestinationModifiedException.class);
            System.out.println("typed receive error: " + refused.getException().getMessage());
            ZfsTestSupport.capture("error-destination-modified.txt",
                    ((DestinationModifiedException) refused.getException()).stderr());

            t.requestBodyAndHeader("direct:op", null, "uri", "zfs:rollback?snapshot=" + target + "@a");
            Exchange inc = t.send("direct:replicateCopy", e -> {
                e.getMessage().setHeader(ZfsConstants.SNAPSHOT, data + "@b");
                e.getMessage().setHeader(ZfsConstants.FROM, "#a");
            });
            assertThat(inc.getException()).isNull();
            assertThat(inc.getMessage().getHeader(ZfsConstants.RECEIVED_BYTES, Long.class)).as("copied, counted")
                    .isBetween(32 * MIB, 40 * MIB);
            assertThat(ZfsTestSupport.sha256Tree(dst.mountpoint("data")))
                    .isEqualTo(ZfsTestSupport.sha256Tree(src.mountpoint("data"))).contains("more.bin");

            // snapshot identity (guid) is the same on both sides; the bookmark keeps @a's guid and createtxg
            @SuppressWarnings("unchecked")
            List<DatasetEntry> srcVersions = t.requestBodyAndHeader("direct:op", null, "uri",
                    "zfs:list?dataset=" + data + "&types=snapshot,bookmark&depth=1", List.class);
            @SuppressWarnings("unchecked")
            List<DatasetEntry> dstVersions = t.requestBodyAndHeader("direct:op", null, "uri",
                    "zfs:snapshots?dataset=" + target, List.class);
            ZfsTestSupport.capture("list-versions.txt", src.zfs("list", "-H", "-p", "-o",
                    "name,type,guid,createtxg,creation,userrefs", "-t", "snapshot,bookmark", "-d", "1", "-s",
                    "createtxg", data).stdout());
            Map<String, Long> srcGuids = guids(srcVersions);
            Map<String, Long> dstGuids = guids(dstVersions);
            assertThat(srcGuids).containsOnlyKeys("a", "b");
            assertThat(dstGuids).isEqualTo(srcGuids);
            assertThat(srcVersions.get(0).name()).isEqualTo(data + "#a");
            assertThat(srcVersions.get(0).userRefs()).isEmpty();
            assertThat(srcVersions.get(1).userRefs()).hasValue(0);
            assertThat(srcVersions.get(0).createTxg()).isLessThan(srcVersions.get(1).createTxg());

            @SuppressWarnings("unchecked")
            List<PropertyValue> props = t.requestBodyAndHeader("direct:op", null, "uri",
                    "zfs:get?dataset=" + target + "&properties=compression,receive_resume_token", List.class);
            assertThat(props).extracting(PropertyValue::property).containsExactly("compression",
                    "receive_resume_token");
            assertThat(props.get(1).isSet()).isFalse();
        } finally {
            ctx.close();
        }
    }

    private static Map<String, Long> guids(List<DatasetEntry> versions) {
        Map<String, Long> m = new java.util.TreeMap<>();
        versions.forEach(v -> m.put(v.shortName(), v.guid()));
        return m;
    }

    @Test
    void rawSendOfAnEncryptedDatasetArrivesEncrypted(TestPool src, TestPool dst) throws Exception {
        Path key = src.mountpoint().getParent().resolve("key");
        Files.writeString(key, "correct horse battery staple\n");
        String enc = src.ds("enc");
        src.zfs("create", "-o", "encryption=on", "-o", "keyformat=passphrase", "-o",
                "keylocation=file://" + key, enc);
        ZfsTestSupport.writeRandom(src.mountpoint("enc").resolve("secret.bin"), 16 * MIB, 3);
        String expected = ZfsTestSupport.sha256Tree(src.mountpoint("enc"));
        CamelContext ctx = ZfsTestSupport.camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:raw").to("zfs:snapshot?dataset=" + enc + "&snapshot=s")
                        .to("zfs:send?raw=true&snapshot=" + enc + "@s")
                        .to("zfs:recv?noMount=true&dataset=" + dst.ds("enc"));
                from("direct:op").toD("${header.uri}");
            }
        });
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            Exchange ex = t.send("direct:raw", e -> { });
            assertThat(ex.getException()).isNull();
            @SuppressWarnings("unchecked")
            List<PropertyValue> props = t.requestBodyAndHeader("direct:op", null, "uri", "zfs:get?dataset="
                    + dst.ds("enc") + "&properties=encryption,keystatus,encryptionroot", List.class);
            Map<String, String> p = new java.util.HashMap<>();
            props.forEach(v -> p.put(v.property(), v.value()));
            assertThat(p.get("encryption")).isNotEqualTo("off").startsWith("aes-");
            assertThat(p.get("keystatus")).as("raw stream: key not sent").isEqualTo("unavailable");
            assertThat(p.get("encryptionroot")).isEqualTo(dst.ds("enc"));
            dst.zfs("load-key", "-L", "file://" + key, dst.ds("enc"));
            dst.zfs("mount", dst.ds("enc"));
            assertThat(ZfsTestSupport.sha256Tree(dst.mountpoint("enc"))).isEqualTo(expected);
        } finally {
            ctx.close();
            Sh.exec("zfs", "unload-key", "-a");
        }
    }
}
