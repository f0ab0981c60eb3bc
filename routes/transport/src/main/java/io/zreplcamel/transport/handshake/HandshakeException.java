package io.zreplcamel.transport.handshake;

/** The version handshake failed (docs/protocol.md §2): versions differ, wrong role, no HELLO in time, closed early. */
public class HandshakeException extends RuntimeException {

    public HandshakeException(String message) {
        super(message);
    }

    public HandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
