package io.zreplcamel.zfs.cmd;

/**
 * Where a drain thread puts what a process writes to one of its pipes. Called from one drain thread only; a sink
 * that is also read by other threads (the text so far) synchronises itself.
 */
public interface OutputSink {

    /** The next bytes read from the pipe. */
    void write(byte[] b, int off, int len);

    /** The pipe reached end of file (not called when reading failed). */
    default void end() {
    }

    /** What the sink kept, as text, for messages and reports; empty for sinks that keep nothing. */
    default String text() {
        return "";
    }
}
