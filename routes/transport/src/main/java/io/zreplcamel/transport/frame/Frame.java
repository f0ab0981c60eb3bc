package io.zreplcamel.transport.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of the wire protocol (docs/protocol.md §3). {@link Data}, {@link Request} and {@link Response} hold a
 * reference-counted buffer (they are {@code ByteBufHolder}s, so Netty's write-buffer accounting sees their size);
 * whoever receives one releases it.
 */
public sealed interface Frame permits Hello, Frame.Heartbeat, Frame.Data, Frame.End, Frame.ErrorTrailer,
        Frame.Request, Frame.Response {

    FrameType type();

    /** Empty keep-alive frame. */
    final class Heartbeat implements Frame {
        public static final Heartbeat INSTANCE = new Heartbeat();

        private Heartbeat() {
        }

        @Override
        public FrameType type() {
            return FrameType.HEARTBEAT;
        }

        @Override
        public String toString() {
            return "Heartbeat";
        }
    }

    /** A chunk of the stream: 1 to {@link FrameCodec#MAX_PAYLOAD_LENGTH} bytes. */
    final class Data extends DefaultByteBufHolder implements Frame {
        public Data(ByteBuf content) {
            super(content);
            int n = content.readableBytes();
            if (n < 1 || n > FrameCodec.MAX_PAYLOAD_LENGTH) {
                throw new IllegalArgumentException("a data frame carries 1 to " + FrameCodec.MAX_PAYLOAD_LENGTH
                        + " bytes, not " + n);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.DATA;
        }

        @Override
        public Data replace(ByteBuf content) {
            return new Data(content);
        }

        @Override
        public String toString() {
            return "Data(" + content().readableBytes() + " bytes)";
        }
    }

    /** End of stream with the stream's total length; sent back by the receiver as its acknowledgement. */
    record End(long totalBytes) implements Frame {
        public End {
            if (totalBytes < 0) {
                throw new IllegalArgumentException("stream length must not be negative: " + totalBytes);
            }
        }

        @Override
        public FrameType type() {
            return FrameType.END;
        }
    }

    /** The stream failed; the message says where and why (at most {@link FrameCodec#MAX_ERROR_LENGTH} bytes). */
    record ErrorTrailer(String message) implements Frame {
        public ErrorTrailer {
            Objects.requireNonNull(message, "message");
        }

        /** An error trailer whose UTF-8 text is cut to the frame's bound (a long stderr must not break the frame). */
        public static ErrorTrailer bounded(String message) {
            byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
            if (utf8.length <= FrameCodec.MAX_ERROR_LENGTH) {
                return new ErrorTrailer(message);
            }
            String suffix = " […]";
            int keep = FrameCodec.MAX_ERROR_LENGTH - suffix.getBytes(StandardCharsets.UTF_8).length;
            // decoding a cut UTF-8 prefix may end in a replacement char (3 bytes); leave room for it
            String cut = new String(Arrays.copyOf(utf8, keep - 3), StandardCharsets.UTF_8);
            return new ErrorTrailer(cut + suffix);
        }

        @Override
        public FrameType type() {
            return FrameType.ERROR;
        }
    }

    /** Control request envelope (reserved: opaque bytes in protocol version 1). */
    final class Request extends DefaultByteBufHolder implements Frame {
        public Request(ByteBuf content) {
            super(content);
            FrameCodec.checkEnvelope(content);
        }

        @Override
        public FrameType type() {
            return FrameType.REQUEST;
        }

        @Override
        public Request replace(ByteBuf content) {
            return new Request(content);
        }

        @Override
        public String toString() {
            return "Request(" + content().readableBytes() + " bytes)";
        }
    }

    /** Control response envelope (reserved: opaque bytes in protocol version 1). */
    final class Response extends DefaultByteBufHolder implements Frame {
        public Response(ByteBuf content) {
            super(content);
            FrameCodec.checkEnvelope(content);
        }

        @Override
        public FrameType type() {
            return FrameType.RESPONSE;
        }

        @Override
        public Response replace(ByteBuf content) {
            return new Response(content);
        }

        @Override
        public String toString() {
            return "Response(" + content().readableBytes() + " bytes)";
        }
    }
}
