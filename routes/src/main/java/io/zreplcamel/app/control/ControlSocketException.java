package io.zreplcamel.app.control;

import java.io.IOException;

/** The control socket cannot be served (another daemon listens, a file is in the way, a bad directory): no start. */
public final class ControlSocketException extends IOException {

    private static final long serialVersionUID = 1L;

    public ControlSocketException(String message) {
        super(message);
    }

    public ControlSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
