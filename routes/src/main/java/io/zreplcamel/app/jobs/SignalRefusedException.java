package io.zreplcamel.app.jobs;

/** A wakeup or reset that the job does not accept in its present state; the message names the job and why. */
public final class SignalRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignalRefusedException(String message) {
        super(message);
    }
}
