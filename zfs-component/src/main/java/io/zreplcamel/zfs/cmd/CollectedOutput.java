package io.zreplcamel.zfs.cmd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * All of a command's stdout, up to a limit. Beyond the limit it keeps draining (so the process can finish) but
 * keeps nothing more and remembers that it overflowed: the caller must then fail, not use the first part.
 */
final class CollectedOutput implements OutputSink {

    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean overflowed;

    CollectedOutput(long limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (overflowed || bytes.size() + (long) len > limit) {
            overflowed = true;
        } else {
            bytes.write(b, off, len);
        }
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    @Override
    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
