package io.zreplcamel.zfs.component;

/**
 * A {@link ZfsConstants#OPERATION} header asked an endpoint for a destructive operation its URI does not name.
 * Thrown before any process runs.
 */
public class DestructiveHeaderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DestructiveHeaderException(String message) {
        super(message);
    }
}
