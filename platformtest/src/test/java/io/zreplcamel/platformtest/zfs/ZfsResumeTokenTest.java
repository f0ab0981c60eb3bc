package io.zreplcamel.platformtest.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.component.ZfsConstants;
import io.zreplcamel.zfs.error.DatasetExistsException;
import io.zreplcamel.zfs.error.PartialReceiveStateException;
import io.zreplcamel.zfs.error.ResumableReceiveFailedException;
import io.zreplcamel.zfs.error.ResumeTokenInvalidException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Interrupted receives on real ZFS: the partial state's token, decoded natively, names exactly the stream that was
 * interrupted (checked against zfs's own decoding, {@code zfs send -nvt}), and resuming with it completes the
 * receive with every byte.
 */
@PlatformTest
class ZfsResumeTokenTest {

    static final long MIB = 1024 * 1024;

    @Test
    void interruptedFullAndIncrementalReceivesResumeWithTheirTokens(TestPool src, TestPool dst) throws Exception {
        String data = src.ds("data");
        String target = dst.ds("data");
        src.zfs("create", "-o", "compression=off", data);
        // Reading the received tree to compare it must not count as a change of the receiver (atime updates
        // would make the next incremental fail with "destination has been modified").
        dst.zfs("set", "atime=off", dst.name());
        ZfsTestSupport.writeRandom(src.mountpoint("data").resolve("a.bin"), 64 * MIB, 11);
        src.zfs("snapshot", data + "@a");
        Zfs zfs = Zfs.withDefaults();
        Map<String, Long> guids = guids(zfs.listVersions(data, EnumSet.of(DatasetType.SNAPSHOT)));

        // 1. full stream cut after 8 MiB: zfs receive -s keeps the partial state and prints the token
        ResumeToken full = interrupt(zfs, SendRequest.full(data + "@a"), target, 8 * MIB, "full");
        assertThat(full.toname()).isEqualTo(data + "@a");
        assertThat(full.toguid()).isEqualTo(guids.get("a"));
        assertThat(full.fromguid()).isEmpty();
        assertThat(full.bytes()).isPositive().isLessThanOrEqualTo(8 * MIB);

        // a fresh full stream into the half-received (so existing) dataset is refused: it exists
        assertThatThrownBy(() -> zfs.receive(ReceiveRequest.into(target).withResumable(true),
                zfs.send(SendRequest.full(data + "@a")))).isInstanceOf(DatasetExistsException.class);

        // 2. resume through the routes: zfs:send takes the token from the header
        CamelContext ctx = ZfsTestSupport.camel(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:resume").to("zfs:send").to("zfs:recv?directPipe=false&dataset=" + target);
            }
        });
        try {
            ProducerTemplate t = ctx.createProducerTemplate();
            String token = zfs.receiveResumeToken(target).orElseThrow();
            Exchange ex = t.send("direct:resume", e -> e.getMessage().setHeader(ZfsConstants.RESUME_TOKEN, token));
            assertThat(ex.getException()).isNull();
            assertThat(ex.getMessage().getHeader(ZfsConstants.RECEIVED_BYTES, Long.class))
                    .as("only the rest is sent").isLessThan(64 * MIB - full.bytes() + 4 * MIB);
            assertThat(zfs.receiveResumeToken(target)).isEmpty();
            assertThat(ZfsTestSupport.sha256Tree(dst.mountpoint("data")))
                    .isEqualTo(ZfsTestSupport.sha256Tree(src.mountpoint("data")));

            // 3. incremental stream cut: the token also carries the source's guid
            ZfsTestSupport.writeRandom(src.mountpoint("data").resolve("b.bin"), 32 * MIB, 12);
            src.zfs("snapshot", data + "@b");
            guids = guids(zfs.listVersions(data, EnumSet.of(DatasetType.SNAPSHOT)));
            ResumeToken inc = interrupt(zfs, SendRequest.incremental("@a", data + "@b").withCompressed(true)
                    .withLargeBlocks(true).withEmbedded(true), target, 4 * MIB, "incremental");
            assertThat(inc.toname()).isEqualTo(data + "@b");
            assertThat(inc.toguid()).isEqualTo(guids.get("b"));
            assertThat(inc.fromguid()).hasValue(guids.get("a"));
            assertThat(inc.compressok()).isTrue();
            assertThat(inc.embedok()).isTrue();
            // -L alone does not make the token say largeblockok: ZFS records it only when the stream really uses
            // large blocks (recordsize > 128K); interrupt() already checked every flag against zfs send -nvt.
            assertThat(inc.rawok()).isFalse();

            // a fresh (non-resuming) incremental into the dataset with partial state is refused as such
            assertThatThrownBy(() -> zfs.receive(ReceiveRequest.into(target).withResumable(true),
                    zfs.send(SendRequest.incremental("@a", data + "@b"))))
                    .isInstanceOfSatisfying(PartialReceiveStateException.class,
                            e -> ZfsTestSupport.capture("error-partial-state.txt", e.stderr()));

            String incToken = zfs.receiveResumeToken(target).orElseThrow();
            Exchange resumed = t.send("direct:resume",
                    e -> e.getMessage().setHeader(ZfsConstants.RESUME_TOKEN, incToken));
            assertThat(resumed.getException()).isNull();
            assertThat(ZfsTestSupport.sha256Tree(dst.mountpoint("data")))
                    .isEqualTo(ZfsTestSupport.sha256Tree(src.mountpoint("data")));

            // 4. the token is now stale: its snapshot was received, and after destroying it on the sender zfs
            // refuses to resume from it with the typed error
            src.zfs("destroy", data + "@b");
            assertThatThrownBy(() -> zfs.send(SendRequest.resume(incToken)).readAllBytes())
                    .hasCauseInstanceOf(ResumeTokenInvalidException.class);
        } finally {
            ctx.close();
            zfs.close();
        }
    }

    /** Sends {@code request} into {@code target} but cuts the stream after {@code limit} bytes. */
    private static ResumeToken interrupt(Zfs zfs, SendRequest request, String target, long limit, String what)
            throws Exception {
        ZfsSendStream send = zfs.send(request);
        ResumableReceiveFailedException failure = null;
        try {
            zfs.receive(ReceiveRequest.into(target).withResumable(true), new TruncatedStream(send, limit));
        } catch (ResumableReceiveFailedException e) {
            failure = e;
        } finally {
            send.close();
        }
        assertThat(failure).as("receive of a truncated " + what + " stream fails resumably").isNotNull();
        ZfsTestSupport.capture("error-resumable-" + what + ".txt", failure.stderr());
        String token = zfs.receiveResumeToken(target).orElseThrow();
        assertThat(failure.resumeToken()).isEqualTo(token);
        ResumeToken decoded = ResumeTokenDecoder.decode(token);
        System.out.println(what + " token: " + decoded);

        // zfs's own decoding of the same token must agree field by field
        Sh.Result nvt = Sh.exec("zfs", "send", "-nvt", token);
        ZfsTestSupport.capture("send-nvt-" + what + ".txt", nvt.stdout() + "\n--- stderr\n" + nvt.stderr());
        Map<String, String> zfsSays = nvtFields(nvt.stdout() + "\n" + nvt.stderr());
        assertThat(hex(zfsSays.get("toguid"))).isEqualTo(decoded.toguid());
        assertThat(zfsSays.get("toname")).isEqualTo(decoded.toname());
        assertThat(hex(zfsSays.get("object"))).isEqualTo(decoded.object());
        assertThat(hex(zfsSays.get("offset"))).isEqualTo(decoded.offset());
        assertThat(hex(zfsSays.get("bytes"))).isEqualTo(decoded.bytes());
        if (decoded.incremental()) {
            assertThat(hex(zfsSays.get("fromguid"))).isEqualTo(decoded.fromguid().getAsLong());
        } else {
            assertThat(zfsSays).doesNotContainKey("fromguid");
        }
        assertThat(zfsSays.containsKey("compressok")).isEqualTo(decoded.compressok());
        assertThat(zfsSays.containsKey("rawok")).isEqualTo(decoded.rawok());
        assertThat(zfsSays.containsKey("embedok")).isEqualTo(decoded.embedok());
        assertThat(zfsSays.containsKey("largeblockok")).isEqualTo(decoded.largeblockok());

        // and the CLI prints the same values, guids as unsigned decimals
        StringWriter out = new StringWriter();
        CommandLine cli = ZreplCamelCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("test", "decoderesumetoken", "--token", token, "--json")).isZero();
        assertThat(out.toString()).contains("\"toguid\": " + Long.toUnsignedString(decoded.toguid()),
                "\"toname\": \"" + decoded.toname() + "\"", "\"bytes\": " + decoded.bytes());
        ZfsTestSupport.capture("token-" + what + ".txt", token + "\n" + out);
        return decoded;
    }

    /** nvlist_print writes uint64 values as 0x%llx. */
    private static long hex(String v) {
        assertThat(v).as("value printed by zfs send -nvt").isNotNull().startsWith("0x");
        return Long.parseUnsignedLong(v.substring(2), 16);
    }

    /** Parses {@code zfs send -nvt}: lines {@code \tkey = value} after "nvlist version: 0". */
    private static Map<String, String> nvtFields(String text) {
        Map<String, String> m = new HashMap<>();
        Matcher matcher = Pattern.compile("(?m)^\\s+(\\w+) = (.*)$").matcher(text);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2).strip());
        }
        return m;
    }

    private static Map<String, Long> guids(List<DatasetEntry> versions) {
        Map<String, Long> m = new HashMap<>();
        versions.forEach(v -> m.put(v.shortName(), v.guid()));
        return m;
    }
}
