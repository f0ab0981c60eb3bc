package io.zreplcamel.transport.conn;

/**
 * A connection could not be opened. {@link #permanent()} is true when retrying cannot help without an admin changing
 * something (a certificate that does not verify, an ssh command that does not exist); a refused or timed-out dial is
 * temporary (the peer may be restarting or the link down).
 */
public class DialException extends RuntimeException {

    private final boolean permanent;

    public DialException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
