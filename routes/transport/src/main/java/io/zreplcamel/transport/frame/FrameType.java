package io.zreplcamel.transport.frame;

/**
 * The frame types of protocol version 1 (docs/protocol.md §3) with the payload length each may carry. The decoder
 * checks a frame's declared length against its type's bounds before it waits for a single payload byte, so a peer
 * cannot make this side buffer more than {@link FrameCodec#MAX_PAYLOAD_LENGTH} per connection.
 */
public enum FrameType {
    /** Connection preamble after the magic: protocol version, role, identity placeholder. */
    HELLO(0x01, Hello.MIN_PAYLOAD_LENGTH, Hello.MAX_PAYLOAD_LENGTH),
    /** Sent by either side after {@code heartbeat_interval} without writing; carries nothing. */
    HEARTBEAT(0x02, 0, 0),
    /** Control request envelope: reserved for the RPC (opaque bytes in version 1). */
    REQUEST(0x10, 0, FrameCodec.MAX_PAYLOAD_LENGTH),
    /** Control response envelope: reserved for the RPC (opaque bytes in version 1). */
    RESPONSE(0x11, 0, FrameCodec.MAX_PAYLOAD_LENGTH),
    /** One chunk of the stream (never empty). */
    DATA(0x20, 1, FrameCodec.MAX_PAYLOAD_LENGTH),
    /** End of stream: the total number of stream bytes (uint64); from the receiver it acknowledges them. */
    END(0x21, 8, 8),
    /** Error trailer: the stream failed at its source (or, from the receiver, at its sink); UTF-8 text. */
    ERROR(0x22, 0, FrameCodec.MAX_ERROR_LENGTH);

    private final int code;
    private final int minLength;
    private final int maxLength;

    FrameType(int code, int minLength, int maxLength) {
        this.code = code;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int code() {
        return code;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The type with this code, or null. */
    public static FrameType of(int code) {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
