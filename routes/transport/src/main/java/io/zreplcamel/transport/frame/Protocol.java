package io.zreplcamel.transport.frame;

/** The protocol version this build speaks (docs/protocol.md §2). Peers of another version are refused. */
public final class Protocol {

    public static final int VERSION = 1;

    private Protocol() {
    }
}
