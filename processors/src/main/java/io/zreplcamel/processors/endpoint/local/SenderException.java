package io.zreplcamel.processors.endpoint.local;

import java.util.Objects;

/** A sender request that cannot be served; the message names the filesystem and, where it can, what to do. */
public final class SenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String filesystem;

    public SenderException(String filesystem, String message, Throwable cause) {
        super(message.contains(filesystem) ? message : filesystem + ": " + message, cause);
        this.filesystem = Objects.requireNonNull(filesystem, "filesystem");
    }

    public String filesystem() {
        return filesystem;
    }
}
