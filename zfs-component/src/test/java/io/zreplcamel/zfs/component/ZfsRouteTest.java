package io.zreplcamel.zfs.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.DestinationModifiedException;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.stream.ReceiveResult;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import io.zreplcamel.zfs.token.ResumeToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Camel routes over a scripted zfs: the send stream travels as the body from zfs:send to zfs:recv (also across a
 * direct: route boundary with stream caching on), failures of either side end the other process and fail the
 * exchange with the real error. The fake's {@code send} cats {@code $DIR/source} (or fails/blocks as the file
 * {@code $DIR/mode} says), its {@code receive} writes {@code $DIR/received}.
 */
@Timeout(120)
class ZfsRouteTest extends CamelTestSupport {

    static final Path DIR;
    static final Path ZFS;
    final List<String> bodyTypesAtReceive = new ArrayList<>();

    static {
        try {
            DIR = Files.createTempDirectory("zfs-route-test");
            String d = DIR.toString();
            ZFS = FakeZfs.script(DIR, "zfs", """
                    D='%s'
                    mode=$(cat "$D/mode" 2>/dev/null)
                    case "$1" in
                    send)
                      echo $$ > "$D/send.pid"
                      case "$mode" in
                        sendfails) head -c 200000 /dev/zero; echo "cannot open 'p/f@s': dataset does not exist" >&2; exit 1;;
                        endless) exec cat /dev/zero;;
                        *) exec cat "$D/source";;
                      esac;;
                    receive)
                      echo $$ > "$D/recv.pid"
                      case "$mode" in
                        recvfails) head -c 50000 >/dev/null
                          printf 'cannot receive incremental stream: destination q/f has been modified\\nsince most recent snapshot\\n' >&2
                          exit 1;;
                        *) cat > "$D/received";;
                      esac;;
                    list) cat "$D/snapshots" 2>/dev/null; exit 0;;
                    destroy) case "$3" in *held*) echo "cannot destroy snapshot $3: dataset is busy" >&2; exit 1;; esac;;
                    -\\?) printf 'usage: zfs\\n\\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%%<snap>][,...]\\n';;
                    esac
                    """.formatted(d, d));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String z(String uri) {
        return uri + (uri.contains("?") ? "&" : "?") + "zfsCommand=" + ZFS;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                getContext().setStreamCaching(true);
                getContext().getStreamCachingStrategy().setSpoolThreshold(1024);
                from("direct:replicate").to(z("zfs:send?snapshot=p/f@s"))
                        .process(e -> bodyTypesAtReceive.add(e.getMessage().getBody().getClass().getSimpleName()))
                        .to(z("zfs:recv?dataset=q/f"));
                from("direct:split").to(z("zfs:send?snapshot=p/f@s")).to("direct:receiver");
                from("direct:receiver").process(e -> bodyTypesAtReceive.add(
                        e.getMessage().getBody().getClass().getSimpleName()))
                        .to(z("zfs:recv?dataset=q/f&directPipe=false"));
                from("direct:sendOnly").to(z("zfs:send?snapshot=p/f@s"));
                from("direct:op").toD("${header.uri}");
            }
        };
    }

    private void mode(String m) throws Exception {
        Files.writeString(DIR.resolve("mode"), m);
    }

    private byte[] source(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Files.write(DIR.resolve("source"), data);
        Files.deleteIfExists(DIR.resolve("received"));
        return data;
    }

    private static String sha(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void sendToRecvInOneRouteStreamsTheBody() throws Exception {
        mode("");
        byte[] data = source(8 * 1024 * 1024 + 3);
        Exchange out = template.send("direct:replicate", e -> { });
        assertThat(out.getException()).isNull();
        // by default zfs receive reads the send pipe itself: nothing to count in the JVM
        assertThat(out.getMessage().getHeader(ZfsConstants.RECEIVED_BYTES)).isEqualTo(-1L);
        assertThat(out.getMessage().getBody(ReceiveResult.class).target()).isEqualTo("q/f");
        assertThat(sha(Files.readAllBytes(DIR.resolve("received")))).isEqualTo(sha(data));
        assertThat(bodyTypesAtReceive).containsExactly(ZfsSendStream.class.getSimpleName());
    }

    @Test
    void streamCachingNeverCopiesTheSendStreamAcrossRoutes() throws Exception {
        mode("");
        byte[] data = source(4 * 1024 * 1024);
        Exchange out = template.send("direct:split", e -> { });
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ZfsConstants.RECEIVED_BYTES)).as("copied through the JVM")
                .isEqualTo((long) data.length);
        assertThat(bodyTypesAtReceive).containsExactly(ZfsSendStream.class.getSimpleName());
        assertThat(sha(Files.readAllBytes(DIR.resolve("received")))).isEqualTo(sha(data));
    }

    @Test
    void failingSendFailsTheExchangeWithTheSendErrorAndKillsRecv() throws Exception {
        mode("sendfails");
        Exchange out = template.send("direct:replicate", e -> { });
        assertThat(out.getException()).isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("p/f@s");
        assertThat(FakeZfs.gone(FakeZfs.readPid(DIR.resolve("recv.pid")))).isTrue();
    }

    @Test
    void failingRecvFailsTheExchangeWithTheRecvErrorAndKillsSend() throws Exception {
        // the sender never ends: only the receiver's failure can end this exchange
        mode("recvfails");
        Files.deleteIfExists(DIR.resolve("source"));
        Files.createSymbolicLink(DIR.resolve("source"), Path.of("/dev/zero"));
        try {
            Exchange out = template.send("direct:replicate", e -> { });
            assertThat(out.getException()).isInstanceOf(DestinationModifiedException.class);
            assertThat(FakeZfs.gone(FakeZfs.readPid(DIR.resolve("send.pid")))).isTrue();
        } finally {
            Files.delete(DIR.resolve("source"));
        }
    }

    @Test
    void anUnreadSendStreamIsKilledWhenTheExchangeCompletes() throws Exception {
        mode("endless");
        Exchange out = template.send("direct:sendOnly", e -> { });
        assertThat(out.getException()).isNull();
        ZfsSendStream stream = out.getMessage().getBody(ZfsSendStream.class);
        assertThat(stream.process().waitFor(java.time.Duration.ofSeconds(10))).as("zfs send killed").isTrue();
        assertThat(stream.process().killReason()).isEqualTo("send stream closed before its end");
    }

    @Test
    void unknownOptionsAndOperationsAreRefused() {
        assertThatThrownBy(() -> context.getEndpoint("zfs:send?snapshot=p/f@s&bogus=1"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("bogus");
        assertThatThrownBy(() -> context.getEndpoint("zfs:frobnicate"))
                .hasMessageContaining("unknown zfs operation 'frobnicate'");
        ZfsEndpoint e = context.getEndpoint(z("zfs:recv?dataset=q/f&noMount=true&overrideProperties=a:b=c,d:e=f"
                + "&timeout=5000"), ZfsEndpoint.class);
        assertThat(e.getOperation()).isEqualTo(ZfsOperation.RECV);
        assertThat(e.getConfiguration().isNoMount()).isTrue();
        assertThat(e.getConfiguration().isResumable()).isTrue();
        assertThat(e.getConfiguration().getTimeout()).isEqualTo(5000);
        assertThat(ZfsProducer.keyValues(e.getConfiguration().getOverrideProperties()))
                .isEqualTo(Map.of("a:b", "c", "d:e", "f"));
    }

    @Test
    void recvNeverTakesItsTargetFromTheSendSideHeaders() throws Exception {
        mode("");
        source(1000);
        // CamelZfsDataset / CamelZfsSnapshot describe the sender here; only CamelZfsReceiveTarget may redirect recv
        Exchange out = template.send("direct:replicate", e -> {
            e.getMessage().setHeader(ZfsConstants.DATASET, "p/f");
            e.getMessage().setHeader(ZfsConstants.SNAPSHOT, "p/f@s");
        });
        assertThat(out.getMessage().getBody(ReceiveResult.class).target()).isEqualTo("q/f");
        Exchange redirected = template.send("direct:replicate",
                e -> e.getMessage().setHeader(ZfsConstants.RECEIVE_TARGET, "q/other@s"));
        assertThat(redirected.getMessage().getBody(ReceiveResult.class).target()).isEqualTo("q/other@s");
    }

    @Test
    void decodeTokenNeedsNoProcess() {
        String token = io.zreplcamel.zfs.token.TestTokens.token(io.zreplcamel.zfs.token.TestTokens.tokenList(
                null, 1, 2, 3, 4, "p/f@s", false, false, true, false));
        ResumeToken t = template.requestBodyAndHeader("direct:op", token, "uri", "zfs:decodeToken",
                ResumeToken.class);
        assertThat(t.toname()).isEqualTo("p/f@s");
        assertThat(t.compressok()).isTrue();
    }

    @Test
    void batchedDestroyReportsPerSnapshotAndFailsTheExchange() {
        Exchange out = template.send("direct:op", e -> {
            e.getMessage().setHeader("uri", z("zfs:destroy"));
            e.getMessage().setHeader(ZfsConstants.SNAPSHOTS, List.of("p/f@a", "p/f@held", "p/g@b"));
        });
        assertThat(out.getException()).isInstanceOf(ZfsDestroyBatchException.class)
                .hasMessageContaining("p/f@held");
        DestroyResult r = out.getMessage().getBody(DestroyResult.class);
        assertThat(r.destroyed()).containsExactlyInAnyOrder("p/f@a", "p/g@b");
        assertThat(out.getMessage().getHeader(ZfsConstants.DESTROY_FAILED)).isEqualTo(1);
        Exchange lenient = template.send("direct:op", e -> {
            e.getMessage().setHeader("uri", z("zfs:destroy?failOnDestroyError=false"));
            e.getMessage().setHeader(ZfsConstants.SNAPSHOTS, List.of("p/f@held"));
        });
        assertThat(lenient.getException()).isNull();
    }

    @Test
    void missingNamesFailWithAClearMessage() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:op", null, "uri", z("zfs:list")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("missing dataset: set dataset or datasets (or the CamelZfsDataset / "
                        + "CamelZfsDatasets header); a whole-system walk is never implied");
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:op", null, "uri", z("zfs:hold?snapshot=p/f@s")))
                .hasRootCauseMessage("missing tag: set the tag option or the CamelZfsTag header");
    }
}
