package io.zreplcamel.transport.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void everyFrameTypeSurvivesARoundTrip() {
        byte[] chunk = new byte[FrameCodec.MAX_PAYLOAD_LENGTH];
        new Random(7).nextBytes(chunk);
        byte[] request = "list".getBytes(StandardCharsets.UTF_8);
        byte[] wire = Frames.encode(
                new Hello(Protocol.VERSION, Hello.Role.CLIENT, "prod-1"),
                Frame.Heartbeat.INSTANCE,
                new Frame.Request(Unpooled.wrappedBuffer(request)),
                new Frame.Response(Unpooled.EMPTY_BUFFER),
                new Frame.Data(Unpooled.wrappedBuffer(chunk)),
                new Frame.Data(Unpooled.wrappedBuffer(new byte[] {42})),
                new Frame.End(Long.MAX_VALUE),
                new Frame.ErrorTrailer("zfs send: ümlaut stderr"));

        assertThat(Arrays.copyOf(wire, 8)).isEqualTo(FrameCodec.MAGIC);
        List<Object> frames = Frames.decode(wire);
        try {
            assertThat(frames).hasSize(8);
            assertThat(frames.get(0)).isEqualTo(new Hello(Protocol.VERSION, Hello.Role.CLIENT, "prod-1"));
            assertThat(frames.get(1)).isSameAs(Frame.Heartbeat.INSTANCE);
            assertThat(ByteBufUtil.getBytes(((Frame.Request) frames.get(2)).content())).isEqualTo(request);
            assertThat(((Frame.Response) frames.get(3)).content().readableBytes()).isZero();
            assertThat(ByteBufUtil.getBytes(((Frame.Data) frames.get(4)).content())).isEqualTo(chunk);
            // a payload is a buffer of its own, not a slice pinning the read buffers it arrived in
            assertThat(((Frame.Data) frames.get(4)).content().unwrap()).isNull();
            assertThat(((Frame.Data) frames.get(5)).content().capacity()).isEqualTo(1);
            assertThat(ByteBufUtil.getBytes(((Frame.Data) frames.get(5)).content())).containsExactly(42);
            assertThat(frames.get(6)).isEqualTo(new Frame.End(Long.MAX_VALUE));
            assertThat(frames.get(7)).isEqualTo(new Frame.ErrorTrailer("zfs send: ümlaut stderr"));
        } finally {
            frames.forEach(ReferenceCountUtil::release);
        }
    }

    @Test
    void framesSplitAtEveryByteStillDecode() {
        byte[] wire = Frames.encode(new Hello(Protocol.VERSION, Hello.Role.SERVER, ""),
                new Frame.Data(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})), new Frame.End(3));
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        for (byte b : wire) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat((Object) ch.readInbound()).isInstanceOf(Hello.class);
        Frame.Data data = ch.readInbound();
        assertThat(ByteBufUtil.getBytes(data.content())).containsExactly(1, 2, 3);
        data.release();
        assertThat((Object) ch.readInbound()).isEqualTo(new Frame.End(3));
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anOversizedFrameIsRefusedFromItsHeaderAlone() {
        // a DATA header announcing 4 GiB - 1; not one payload byte follows
        byte[] wire = concat(FrameCodec.MAGIC, new byte[] {0x20, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThatThrownBy(() -> Frames.decode(wire))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("DATA frame of 4294967295 bytes, allowed are 1..1048576");
    }

    @Test
    void lengthsOutsideATypesBoundsAreRefused() {
        assertThatThrownBy(() -> Frames.decode(concat(FrameCodec.MAGIC, header(0x02, 1))))
                .isInstanceOf(ProtocolException.class).hasMessage("HEARTBEAT frame of 1 bytes, allowed are 0");
        assertThatThrownBy(() -> Frames.decode(concat(FrameCodec.MAGIC, header(0x20, 0))))
                .isInstanceOf(ProtocolException.class).hasMessage("DATA frame of 0 bytes, allowed are 1..1048576");
        assertThatThrownBy(() -> Frames.decode(concat(FrameCodec.MAGIC, header(0x22, FrameCodec.MAX_ERROR_LENGTH + 1))))
                .isInstanceOf(ProtocolException.class).hasMessage("ERROR frame of 32769 bytes, allowed are 0..32768");
        assertThatThrownBy(() -> Frames.decode(concat(FrameCodec.MAGIC, header(0x01, 2000))))
                .isInstanceOf(ProtocolException.class).hasMessage("HELLO frame of 2000 bytes, allowed are 2..1024");
    }

    @Test
    void unknownTypesAndWrongMagicAreRefused() {
        assertThatThrownBy(() -> Frames.decode(concat(FrameCodec.MAGIC, header(0x7f, 0))))
                .isInstanceOf(ProtocolException.class).hasMessage("unknown frame type 0x7f");
        assertThatThrownBy(() -> Frames.decode("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("not a zrepl-camel peer: the connection does not start with the magic")
                .hasMessageEndingWith("(received 474554202f204854)");
    }

    @Test
    void invalidUtf8InAnErrorTrailerIsRefused() {
        byte[] wire = concat(FrameCodec.MAGIC, header(0x22, 2), new byte[] {(byte) 0xc3, 0x28});
        assertThatThrownBy(() -> Frames.decode(wire))
                .isInstanceOf(ProtocolException.class).hasMessage("ERROR is not valid UTF-8");
    }

    @Test
    void afterAProtocolErrorNothingMoreIsDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(concat(FrameCodec.MAGIC, header(0x7f, 0)))))
                .isInstanceOf(ProtocolException.class);
        ch.writeInbound(Unpooled.wrappedBuffer(header(0x02, 0)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void aHelloOfAnotherVersionWithAnotherLayoutDecodesForTheVersionCheck() {
        // a hypothetical version 9 whose HELLO carries 6 bytes this version does not know
        byte[] wire = concat(FrameCodec.MAGIC, header(0x01, 8), new byte[] {0, 9, 1, 2, 3, 4, 5, 6});
        assertThat(Frames.decode(wire)).containsExactly(new Hello(9, null, ""));
        byte[] ours = concat(FrameCodec.MAGIC, header(0x01, 8), new byte[] {0, 1, 1, 2, 3, 4, 5, 6});
        assertThatThrownBy(() -> Frames.decode(ours))
                .isInstanceOf(ProtocolException.class).hasMessage("malformed HELLO for protocol version 1");
    }

    @Test
    void longErrorTextIsCutToTheTrailersBound() {
        String text = "é".repeat(40_000);
        Frame.ErrorTrailer bounded = Frame.ErrorTrailer.bounded(text);
        assertThat(bounded.message().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(FrameCodec.MAX_ERROR_LENGTH);
        assertThat(bounded.message()).endsWith(" […]");
        assertThat(Frames.decode(Frames.encode(bounded))).containsExactly(bounded);
    }

    static byte[] header(int type, long length) {
        return ByteBuffer.allocate(5).put((byte) type).putInt((int) length).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
