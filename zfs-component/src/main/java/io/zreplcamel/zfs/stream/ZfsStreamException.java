package io.zreplcamel.zfs.stream;

import io.zreplcamel.zfs.error.ZfsCommandException;
import java.io.IOException;

/**
 * The IOException a send stream throws at its end when {@code zfs send} failed: an {@code InputStream} can only
 * throw IOExceptions, so the typed zfs error travels as the cause and is rethrown as such by whoever knows
 * (e.g. the receive pump), keeping "the real error of whichever process failed first".
 */
public class ZfsStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    public ZfsStreamException(ZfsCommandException cause) {
        super(cause.getMessage(), cause);
    }

    public ZfsCommandException zfsFailure() {
        return (ZfsCommandException) getCause();
    }
}
