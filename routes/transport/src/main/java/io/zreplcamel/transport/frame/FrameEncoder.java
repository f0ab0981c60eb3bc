package io.zreplcamel.transport.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes frames (docs/protocol.md §3): the magic before the first one, then per frame a 5-byte header followed by its
 * payload. A data frame's buffer goes out as it is, after its header (a gathering write, no copy).
 */
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {

    private boolean magicWritten;

    public FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
        if (!magicWritten) {
            out.add(ctx.alloc().buffer(FrameCodec.MAGIC.length).writeBytes(FrameCodec.MAGIC));
            magicWritten = true;
        }
        switch (frame.type()) {
            case DATA, REQUEST, RESPONSE -> {
                ByteBuf content = ((ByteBufHolder) frame).content();
                out.add(header(ctx, frame.type(), content.readableBytes()));
                out.add(content.retain()); // the encoder releases the frame itself after encode()
            }
            case HEARTBEAT -> out.add(header(ctx, FrameType.HEARTBEAT, 0));
            case END -> out.add(header(ctx, FrameType.END, 8).writeLong(((Frame.End) frame).totalBytes()));
            case ERROR -> {
                byte[] text = FrameCodec.utf8(((Frame.ErrorTrailer) frame).message());
                if (text.length > FrameCodec.MAX_ERROR_LENGTH) {
                    throw new IllegalArgumentException("error trailer longer than " + FrameCodec.MAX_ERROR_LENGTH
                            + " bytes: use ErrorTrailer.bounded");
                }
                out.add(header(ctx, FrameType.ERROR, text.length).writeBytes(text));
            }
            case HELLO -> {
                Hello hello = (Hello) frame;
                byte[] identity = FrameCodec.utf8(hello.identity());
                if (hello.role() == null) {
                    throw new IllegalArgumentException("a HELLO to send needs a role");
                }
                int length = 2 + 1 + 1 + identity.length;
                out.add(header(ctx, FrameType.HELLO, length)
                        .writeShort(hello.version())
                        .writeByte(hello.role().code())
                        .writeByte(identity.length)
                        .writeBytes(identity));
            }
            default -> throw new IllegalStateException("unhandled frame type " + frame.type());
        }
    }

    private static ByteBuf header(ChannelHandlerContext ctx, FrameType type, int payloadLength) {
        int extra = type == FrameType.DATA || type == FrameType.REQUEST || type == FrameType.RESPONSE ? 0
                : payloadLength;
        return ctx.alloc().buffer(FrameCodec.HEADER_LENGTH + extra)
                .writeByte(type.code())
                .writeInt(payloadLength);
    }
}
