package io.zreplcamel.rpc.conn;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.zreplcamel.rpc.proto.ConnectionRequest;
import io.zreplcamel.rpc.proto.ConnectionResponse;
import io.zreplcamel.transport.frame.Frame;

/**
 * The REQUEST and RESPONSE frames that say what a connection is for (docs/protocol.md §10), and the switch of a
 * control connection from frames to raw bytes for gRPC.
 */
public final class ConnectionFrames {

    private ConnectionFrames() {
    }

    public static Frame.Request request(ConnectionRequest request) {
        return new Frame.Request(Unpooled.wrappedBuffer(request.toByteArray()));
    }

    public static Frame.Response response(ConnectionResponse response) {
        return new Frame.Response(Unpooled.wrappedBuffer(response.toByteArray()));
    }

    public static ConnectionRequest parseRequest(Frame.Request frame) throws InvalidProtocolBufferException {
        try {
            return ConnectionRequest.parseFrom(bytes(frame.content()));
        } finally {
            frame.release();
        }
    }

    public static ConnectionResponse parseResponse(Frame.Response frame) throws InvalidProtocolBufferException {
        try {
            return ConnectionResponse.parseFrom(bytes(frame.content()));
        } finally {
            frame.release();
        }
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    /**
     * Takes the frame handlers (decoder, encoder, heartbeat timer) out of a connection that carries gRPC from now on:
     * HTTP/2 has its own framing and keep-alive. Call on the event loop, after the last frame was written and before
     * the peer may send its first raw byte.
     */
    public static void switchToRaw(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        for (String name : new String[] {"idle", "frame-encoder", "frame-decoder"}) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
    }

    /** For errors: a protobuf message's type. */
    public static String typeOf(MessageLite m) {
        return m.getClass().getSimpleName();
    }
}
