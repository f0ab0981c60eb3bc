package io.zreplcamel.transport.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.Loopback;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.FrameCodec;
import io.zreplcamel.transport.frame.Frames;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.frame.ProtocolException;
import io.zreplcamel.transport.frame.Protocol;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final DataChannelConfig CONFIG = DataChannelConfig.defaults();

    @Test
    void matchingVersionsHandOverToTheDataHandler() throws Exception {
        CompletableFuture<Hello> seenByServer = new CompletableFuture<>();
        try (Loopback lo = new Loopback(CONFIG.withIdentity("sink"), peer -> {
            seenByServer.complete(peer);
            return new ChannelInboundHandlerAdapter();
        })) {
            Hello server = lo.connect(CONFIG.withIdentity("prod-1"), new ChannelInboundHandlerAdapter())
                    .get(10, TimeUnit.SECONDS);
            assertThat(server).isEqualTo(new Hello(Protocol.VERSION, Hello.Role.SERVER, "sink"));
            assertThat(seenByServer.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new Hello(Protocol.VERSION, Hello.Role.CLIENT, "prod-1"));
        }
    }

    @Test
    void aVersionMismatchIsAClearErrorOnBothSides() throws Exception {
        try (Loopback lo = new Loopback(CONFIG, peer -> new ChannelInboundHandlerAdapter())) {
            CompletableFuture<Hello> client = lo.connect(CONFIG.withProtocolVersion(2),
                    new ChannelInboundHandlerAdapter());
            assertThatThrownBy(() -> client.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(HandshakeException.class)
                    .hasMessageStartingWith("protocol versions do not match: ours is 2, theirs is 1");
            assertThat(lo.nextRefusal()).isInstanceOf(HandshakeException.class)
                    .hasMessageStartingWith("protocol versions do not match: ours is 1, theirs is 2");
        }
    }

    @Test
    void twoClientsRefuseEachOther() throws Exception {
        try (Loopback lo = new Loopback(CONFIG, peer -> new ChannelInboundHandlerAdapter());
             Socket s = new Socket("127.0.0.1", lo.address().getPort())) {
            s.getOutputStream().write(Frames.encode(new Hello(Protocol.VERSION, Hello.Role.SERVER, "fake")));
            assertThat(lo.nextRefusal()).isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("is a SERVER too: one side must be the client and the other the server");
        }
    }

    @Test
    void somethingElseThanThisProtocolIsRefusedAndTheServerKeepsServing() throws Exception {
        try (Loopback lo = new Loopback(CONFIG, peer -> new ChannelInboundHandlerAdapter());
             Socket s = new Socket("127.0.0.1", lo.address().getPort())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(lo.nextRefusal()).isInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith("not a zrepl-camel peer");
            assertThat(readToEnd(s.getInputStream())).startsWith(new String(FrameCodec.MAGIC,
                    StandardCharsets.US_ASCII)); // the server's preamble, then it closed

            Hello ok = lo.connect(CONFIG, new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS);
            assertThat(ok.role()).isEqualTo(Hello.Role.SERVER);
        }
    }

    @Test
    void aFirstFrameOtherThanHelloIsRefused() throws Exception {
        try (Loopback lo = new Loopback(CONFIG, peer -> new ChannelInboundHandlerAdapter());
             Socket s = new Socket("127.0.0.1", lo.address().getPort())) {
            s.getOutputStream().write(Frames.encode(new Frame.End(0)));
            assertThat(lo.nextRefusal()).isInstanceOf(ProtocolException.class)
                    .hasMessageStartingWith("expected HELLO as the first frame, got End[totalBytes=0]");
        }
    }

    @Test
    void aPeerThatSendsNoHelloTimesOut() throws Exception {
        try (Loopback lo = new Loopback(CONFIG.withHandshakeTimeout(Duration.ofMillis(300)),
                peer -> new ChannelInboundHandlerAdapter());
             Socket s = new Socket("127.0.0.1", lo.address().getPort())) {
            assertThat(lo.nextRefusal()).isInstanceOf(HandshakeException.class)
                    .hasMessageMatching("no HELLO from .* within 300 ms");
            assertThat(s.getInputStream().readAllBytes()).isNotEmpty(); // preamble, then EOF
        }
    }

    private static String readToEnd(InputStream in) throws java.io.IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
