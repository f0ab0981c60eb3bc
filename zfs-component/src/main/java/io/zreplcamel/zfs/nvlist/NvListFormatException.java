package io.zreplcamel.zfs.nvlist;

/** A packed nvlist that does not decode; the message says where (byte offset) and why. */
public class NvListFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public NvListFormatException(String message) {
        super(message);
    }
}
