package io.zreplcamel.zfs.error;

/**
 * Root of every failure the ZFS layer reports. Unchecked, because callers are mostly Camel processors and
 * lambdas, and because each subclass carries enough context (command, exit code, stderr, dataset) to act on it.
 */
public class ZfsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ZfsException(String message) {
        super(message);
    }

    public ZfsException(String message, Throwable cause) {
        super(message, cause);
    }
}
