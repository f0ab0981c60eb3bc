package io.zreplcamel.processors.endpoint;

/**
 * The peer cannot be reached right now (connection refused or reset, timeout, a local listener that is not started
 * yet): the one error the replication driver answers with a reconnect wait and a new attempt. Everything else is
 * permanent for the run and fails only the filesystem it happened in. The local transport throws it only for a
 * missing or not-yet-started listener.
 */
public class TemporaryConnectivityException extends RuntimeException {

    public TemporaryConnectivityException(String message) {
        super(message);
    }

    public TemporaryConnectivityException(String message, Throwable cause) {
        super(message, cause);
    }
}
