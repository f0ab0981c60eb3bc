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
 * length: data payloads are slices of the bytes already received, control payloads are at most
 * {@link FrameCodec#MAX_ERROR_LENGTH} / {@link Hello#MAX_PAYLOAD_LENGTH} bytes.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private enum State { MAGIC, HEADER, FAILED }

    private State state = State.MAGIC;

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
                out.add(payload(type, in, (int) length));
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

    private static Frame payload(FrameType type, ByteBuf in, int length) {
        switch (type) {
            case DATA:
                return new Frame.Data(in.readRetainedSlice(length));
            case REQUEST:
                return new Frame.Request(in.readRetainedSlice(length));
            case RESPONSE:
                return new Frame.Response(in.readRetainedSlice(length));
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
