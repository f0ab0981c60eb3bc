package io.zreplcamel.transport.frame;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke the wire protocol: wrong magic, unknown frame type, a length outside its type's bounds, a malformed
 * payload, a frame that is not allowed at this point. The channel is closed after it; nothing the peer sent after the
 * offending bytes is interpreted. It extends Netty's {@code DecoderException} so the decoder passes it on unwrapped.
 */
public class ProtocolException extends DecoderException {

    public ProtocolException(String message) {
        super(message);
    }
}
