package io.zreplcamel.app.control;

/** A control request or response line that is not what docs/control.md describes. */
public final class ControlProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    public ControlProtocolException(String message) {
        super(message);
    }

    public ControlProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
