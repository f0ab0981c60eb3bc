package io.zreplcamel.transport.tls;

import java.nio.file.Path;

/** A certificate or key file that cannot be used; the message names the file and what is wrong with it. */
public final class TlsFileException extends RuntimeException {

    public TlsFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public TlsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
