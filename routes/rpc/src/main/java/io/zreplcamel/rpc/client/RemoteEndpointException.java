package io.zreplcamel.rpc.client;

/** The peer answered a request with an error (it refused or failed it); the message is the peer's own. */
public class RemoteEndpointException extends RuntimeException {

    public RemoteEndpointException(String message) {
        super(message);
    }

    public RemoteEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
