package io.zreplcamel.transport.frame;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Constants of the frame layer (docs/protocol.md §1, §3). */
public final class FrameCodec {

    /**
     * Sent by each side before its first frame: "ZRCWIRE" and a NUL. Lets a receiver refuse something that is not this
     * protocol (an HTTP client, a zrepl Go daemon, random bytes) with a clear message before it reads a single length.
     */
    public static final byte[] MAGIC = {'Z', 'R', 'C', 'W', 'I', 'R', 'E', 0};

    /** Frame header: one type byte and the payload length as uint32 big-endian. */
    public static final int HEADER_LENGTH = 5;

    /**
     * Largest payload of any frame: 1 MiB. Twice the default data chunk (512 KiB) and far above every control
     * frame; small enough that what one connection's decoder holds before a frame is complete stays about 1 MiB.
     */
    public static final int MAX_PAYLOAD_LENGTH = 1 << 20;

    /** Largest frame on the wire: header plus {@link #MAX_PAYLOAD_LENGTH}. */
    public static final int MAX_FRAME_LENGTH = HEADER_LENGTH + MAX_PAYLOAD_LENGTH;

    /** Largest error trailer text in bytes (UTF-8): enough for a captured {@code zfs send} stderr, as zrepl's 32 KiB. */
    public static final int MAX_ERROR_LENGTH = 32 * 1024;

    private FrameCodec() {
    }

    static void checkEnvelope(ByteBuf content) {
        if (content.readableBytes() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("an envelope carries at most " + MAX_PAYLOAD_LENGTH + " bytes, not "
                    + content.readableBytes());
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
