package io.zreplcamel.zfs.token;

import io.zreplcamel.zfs.error.ZfsException;

/** A resume token that does not decode; the message names the failing step, like libzfs does. */
public class CorruptResumeTokenException extends ZfsException {

    private static final long serialVersionUID = 1L;

    public CorruptResumeTokenException(String reason) {
        super("resume token is corrupt (" + reason + ")");
    }

    public CorruptResumeTokenException(String reason, Throwable cause) {
        super("resume token is corrupt (" + reason + ")", cause);
    }
}
