package io.zreplcamel.transport.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads frames (docs/protocol.md §3). Checks the magic, then for each frame the type byte and the declared length
 * against that type's bounds as soon as the 5 header bytes are in, before waiting for the payload; anything else is a
 * {@link ProtocolException}, after which the decoder discards all further input. It never allocates by a peer-supplied
 * length: a payload buffer is allocated only once all of its bytes have arrived, and never above
 * {@link FrameCodec#MAX_PAYLOAD_LENGTH}.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private enum State { MAGIC, HEADER, FAILED }

    private State state = State.MAGIC;

    public FrameDecoder() {
        // reads are appended as components, not copied into one growing buffer, so a payload spanning several reads
        // is copied once, into its own buffer (measured: ~1.3x the loopback throughput of the merging default)
        setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (state == State.MAGIC) {
                if (!magic(in)) {
                    return;
                }
                state = State.HEADER;
            }
            while (in.readableBytes() >= FrameCodec.HEADER_LENGTH) {
                int start = in.readerIndex();
                int code = in.getUnsignedByte(start);
                long length = in.getUnsignedInt(start + 1);
                FrameType type = FrameType.of(code);
                if (type == null) {
                    throw new ProtocolException(String.format("unknown frame type 0x%02x", code));
                }
                if (length < type.minLength() || length > type.maxLength()) {
                    throw new ProtocolException(type + " frame of " + length + " bytes, allowed are "
                            + (type.minLength() == type.maxLength() ? String.valueOf(type.minLength())
                            : type.minLength() + ".." + type.maxLength()));
                }
                if (in.readableBytes() < FrameCodec.HEADER_LENGTH + length) {
                    return; // wait for the rest: bounded by the check above
                }
                in.skipBytes(FrameCodec.HEADER_LENGTH);
                out.add(payload(ctx, type, in, (int) length));
                if (type == FrameType.RESPONSE) {
                    // a RESPONSE may be the last frame before the connection carries raw bytes (a control
                    // connection switches to gRPC): hand it on before looking at what follows, so that its
                    // handler can take this decoder out and the bytes behind it reach the next handler undecoded
                    return;
                }
            }
        } catch (ProtocolException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private static boolean magic(ByteBuf in) {
        int n = Math.min(in.readableBytes(), FrameCodec.MAGIC.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != FrameCodec.MAGIC[i]) {
                throw new ProtocolException("not a zrepl-camel peer: the connection does not start with the magic"
                        + " \"ZRCWIRE\\0\" (received " + ByteBufUtil.hexDump(in, in.readerIndex(), n) + ")");
            }
        }
        if (n < FrameCodec.MAGIC.length) {
            return false;
        }
        in.skipBytes(FrameCodec.MAGIC.length);
        return true;
    }

    private static Frame payload(ChannelHandlerContext ctx, FrameType type, ByteBuf in, int length) {
        switch (type) {
            case DATA:
                return new Frame.Data(copy(ctx, in, length));
            case REQUEST:
                return new Frame.Request(copy(ctx, in, length));
            case RESPONSE:
                return new Frame.Response(copy(ctx, in, length));
            case HEARTBEAT:
                return Frame.Heartbeat.INSTANCE;
            case END: {
                long total = in.readLong();
                if (total < 0) {
                    throw new ProtocolException("END frame with a stream length beyond 2^63-1");
                }
                return new Frame.End(total);
            }
            case ERROR:
                return new Frame.ErrorTrailer(utf8(in, length, "ERROR"));
            case HELLO:
                return hello(in, length);
            default:
                throw new IllegalStateException("unhandled frame type " + type);
        }
    }

    /**
     * The payload, copied out of the read buffers into a heap buffer of exactly its size (allocated only once all of
     * it has arrived). A slice would pin the whole read buffer it came from until the sink has written it, so a peer
     * sending tiny frames into a stalled sink could pin far more memory than the payload bytes the receiver counts;
     * with a copy the receiver's count is its memory, and the sink writes the heap array without a second copy.
     */
    private static ByteBuf copy(ChannelHandlerContext ctx, ByteBuf in, int length) {
        ByteBuf payload = ctx.alloc().heapBuffer(length, length);
        in.readBytes(payload, length);
        return payload;
    }

    private static Hello hello(ByteBuf in, int length) {
        int end = in.readerIndex() + length;
        int version = in.readUnsignedShort();
        if (version == 0) {
            throw new ProtocolException("HELLO with protocol version 0");
        }
        // the rest is version 1's layout; a peer of another version may send something else, which the handshake
        // then reports as a version mismatch rather than as garbage
        Hello.Role role = null;
        String identity = "";
        if (length >= 4) {
            role = Hello.Role.of(in.getUnsignedByte(in.readerIndex()));
            int identityLength = in.getUnsignedByte(in.readerIndex() + 1);
            if (role != null && length == 4 + identityLength) {
                in.skipBytes(2);
                identity = utf8(in, identityLength, "HELLO identity");
            } else {
                role = null;
            }
        }
        in.readerIndex(end);
        if (version == Protocol.VERSION && role == null) {
            throw new ProtocolException("malformed HELLO for protocol version " + version);
        }
        return new Hello(version, role, identity);
    }

    private static String utf8(ByteBuf in, int length, String what) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in.nioBuffer(in.readerIndex(), length))
                    .toString();
            in.skipBytes(length);
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtocolException(what + " is not valid UTF-8");
        }
    }
}
