package io.zreplcamel.processors.endpoint.local;

/**
 * A receiver was asked about a path that would leave its client root (absolute, {@code ..}, a snapshot or bookmark
 * delimiter, an empty component…). Nothing was run: the request is refused before any {@code zfs} process starts.
 */
public final class ReceiverConfinementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ReceiverConfinementException(String path, String clientRoot, String reason) {
        super("receiver refuses filesystem '" + path + "': " + reason + " (it must be a dataset path below the client"
                + " root " + clientRoot + ", such as the sender's pool/fs)");
        this.path = path;
    }

    /** The refused path, as the request carried it. */
    public String path() {
        return path;
    }
}
