package io.zreplcamel.zfs.names;

import io.zreplcamel.zfs.error.ZfsException;

/** A dataset, snapshot, bookmark, pool or hold-tag name that ZFS would refuse; the message says what is wrong. */
public class InvalidNameException extends ZfsException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String reason;

    public InvalidNameException(String what, String name, String reason) {
        super("invalid " + what + " name '" + name + "': " + reason);
        this.name = name;
        this.reason = reason;
    }

    public String name() {
        return name;
    }

    /** The bare reason, in libzfs's words (e.g. {@code invalid character '$' in name}). */
    public String reason() {
        return reason;
    }
}
