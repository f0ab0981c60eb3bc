package io.zreplcamel.transport.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: frames to wire bytes and back through the real encoder and decoder. */
public final class Frames {

    private Frames() {
    }

    /** The bytes a fresh connection's encoder writes for these frames (magic first). */
    public static byte[] encode(Frame... frames) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder());
        for (Frame f : frames) {
            ch.writeOutbound(f);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        ch.finishAndReleaseAll();
        return out.toByteArray();
    }

    /** Decodes wire bytes (magic first) fed in one piece. */
    public static List<Object> decode(byte[] wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(wire));
        List<Object> frames = new ArrayList<>();
        for (Object f; (f = ch.readInbound()) != null; ) {
            frames.add(f);
        }
        ch.finishAndReleaseAll();
        return frames;
    }
}
