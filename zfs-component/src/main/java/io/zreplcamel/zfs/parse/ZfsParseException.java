package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.error.ZfsException;

/** Output of a zfs command that does not have the expected shape; quotes the offending line. */
public class ZfsParseException extends ZfsException {

    private static final long serialVersionUID = 1L;

    public ZfsParseException(String what, String line) {
        super("cannot parse " + what + ": " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
    }

    public ZfsParseException(String what, String line, Throwable cause) {
        super("cannot parse " + what + ": " + line, cause);
    }
}
