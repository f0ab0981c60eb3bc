package io.zreplcamel.transport.data;

import io.zreplcamel.transport.frame.FrameCodec;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.frame.Protocol;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a data connection (docs/protocol.md §5–§7). What each bounds:
 *
 * @param chunkSize          bytes per DATA frame the sender reads from its source (≤ {@link FrameCodec#MAX_PAYLOAD_LENGTH})
 * @param writeLowWaterMark  the sender resumes reading its source when Netty's pending write bytes fall below this
 * @param writeHighWaterMark the sender stops reading its source when pending write bytes exceed this: the sender's
 *                           in-flight bytes stay below it plus one chunk
 * @param receiveHighWaterMark the receiver stops reading the socket (autoRead off) when this many bytes wait for the
 *                           sink; what it holds stays below it plus one frame plus one socket read
 * @param receiveLowWaterMark the receiver reads the socket again when the sink has drained below this
 * @param heartbeatInterval  a side that has written nothing for this long sends a HEARTBEAT
 * @param idleTimeout        a side that has read nothing for this long (and is not itself pausing the socket) gives up
 * @param handshakeTimeout   how long to wait for the peer's HELLO
 * @param identity           this side's identity placeholder in HELLO (informational only)
 * @param protocolVersion    the version this side announces ({@link Protocol#VERSION}; other values only in tests)
 */
public record DataChannelConfig(int chunkSize, int writeLowWaterMark, int writeHighWaterMark,
                                int receiveHighWaterMark, int receiveLowWaterMark,
                                Duration heartbeatInterval, Duration idleTimeout, Duration handshakeTimeout,
                                String identity, int protocolVersion) {

    /** zrepl's chunk size; measured here 512 KiB chunks ran ~1.3x faster than 256 KiB (docs/protocol.md §9). */
    public static final int DEFAULT_CHUNK_SIZE = 512 * 1024;

    /** zrepl's defaults: heartbeat after 5 s without writing, idle timeout 10 s, handshake 10 s. */
    public static DataChannelConfig defaults() {
        return new DataChannelConfig(DEFAULT_CHUNK_SIZE, 1 << 20, 2 << 20, 4 << 20, 2 << 20,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), "", Protocol.VERSION);
    }

    public DataChannelConfig {
        if (chunkSize < 1 || chunkSize > FrameCodec.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("chunk size must be 1.." + FrameCodec.MAX_PAYLOAD_LENGTH + ": "
                    + chunkSize);
        }
        if (writeLowWaterMark < 0 || writeHighWaterMark <= writeLowWaterMark) {
            throw new IllegalArgumentException("write water marks need 0 <= low < high: " + writeLowWaterMark
                    + ", " + writeHighWaterMark);
        }
        if (receiveLowWaterMark < 0 || receiveHighWaterMark <= receiveLowWaterMark) {
            throw new IllegalArgumentException("receive water marks need 0 <= low < high: " + receiveLowWaterMark
                    + ", " + receiveHighWaterMark);
        }
        positive(heartbeatInterval, "heartbeat interval");
        positive(idleTimeout, "idle timeout");
        positive(handshakeTimeout, "handshake timeout");
        if (idleTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("idle timeout (" + idleTimeout + ") must exceed the heartbeat interval ("
                    + heartbeatInterval + ")");
        }
        Objects.requireNonNull(identity, "identity");
        new Hello(protocolVersion, Hello.Role.CLIENT, identity); // validates both
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    public DataChannelConfig withChunkSize(int v) {
        return new DataChannelConfig(v, writeLowWaterMark, writeHighWaterMark, receiveHighWaterMark,
                receiveLowWaterMark, heartbeatInterval, idleTimeout, handshakeTimeout, identity, protocolVersion);
    }

    public DataChannelConfig withWriteWaterMarks(int low, int high) {
        return new DataChannelConfig(chunkSize, low, high, receiveHighWaterMark, receiveLowWaterMark,
                heartbeatInterval, idleTimeout, handshakeTimeout, identity, protocolVersion);
    }

    public DataChannelConfig withReceiveWaterMarks(int low, int high) {
        return new DataChannelConfig(chunkSize, writeLowWaterMark, writeHighWaterMark, high, low,
                heartbeatInterval, idleTimeout, handshakeTimeout, identity, protocolVersion);
    }

    public DataChannelConfig withTimeouts(Duration heartbeat, Duration idle) {
        return new DataChannelConfig(chunkSize, writeLowWaterMark, writeHighWaterMark, receiveHighWaterMark,
                receiveLowWaterMark, heartbeat, idle, handshakeTimeout, identity, protocolVersion);
    }

    public DataChannelConfig withHandshakeTimeout(Duration v) {
        return new DataChannelConfig(chunkSize, writeLowWaterMark, writeHighWaterMark, receiveHighWaterMark,
                receiveLowWaterMark, heartbeatInterval, idleTimeout, v, identity, protocolVersion);
    }

    public DataChannelConfig withIdentity(String v) {
        return new DataChannelConfig(chunkSize, writeLowWaterMark, writeHighWaterMark, receiveHighWaterMark,
                receiveLowWaterMark, heartbeatInterval, idleTimeout, handshakeTimeout, v, protocolVersion);
    }

    public DataChannelConfig withProtocolVersion(int v) {
        return new DataChannelConfig(chunkSize, writeLowWaterMark, writeHighWaterMark, receiveHighWaterMark,
                receiveLowWaterMark, heartbeatInterval, idleTimeout, handshakeTimeout, identity, v);
    }
}
