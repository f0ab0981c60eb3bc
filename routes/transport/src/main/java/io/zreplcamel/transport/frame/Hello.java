package io.zreplcamel.transport.frame;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The HELLO frame both sides send right after the magic (docs/protocol.md §2). Its first two bytes are the protocol
 * version in every version of the protocol, so two versions can always tell each other apart; the rest is version 1's
 * layout: the role (a byte) and an identity placeholder (a length byte and at most 255 bytes of UTF-8). The identity
 * is informational: authorization will come from the transport (client IP map, TLS common name, SSH forced command),
 * never from what a peer says about itself.
 *
 * @param version  the sender's protocol version (1..65535)
 * @param role     CLIENT for the side that dialled, SERVER for the side that accepted; null when the peer's version
 *                 differs from ours and its layout is not version 1's
 * @param identity the sender's self-declared name, possibly empty
 */
public record Hello(int version, Role role, String identity) implements Frame {

    /** Bytes of the version field: the only part of HELLO every protocol version keeps. */
    public static final int MIN_PAYLOAD_LENGTH = 2;
    /** Bound for every version's HELLO, so a future version's longer HELLO still arrives as a version mismatch. */
    public static final int MAX_PAYLOAD_LENGTH = 1024;
    public static final int MAX_IDENTITY_LENGTH = 255;

    public enum Role {
        CLIENT(1), SERVER(2);

        private final int code;

        Role(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Role of(int code) {
            for (Role r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            return null;
        }
    }

    public Hello {
        if (version < 1 || version > 0xFFFF) {
            throw new IllegalArgumentException("protocol version must be 1..65535: " + version);
        }
        Objects.requireNonNull(identity, "identity");
        if (identity.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTITY_LENGTH) {
            throw new IllegalArgumentException("identity longer than " + MAX_IDENTITY_LENGTH + " bytes: " + identity);
        }
    }

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }
}
