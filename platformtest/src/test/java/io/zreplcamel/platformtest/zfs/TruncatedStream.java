package io.zreplcamel.platformtest.zfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The first {@code limit} bytes of a stream, then end of stream: what a sender cut off mid-way, or a dropped
 * connection, delivers. Closing it leaves the underlying stream open; its owner closes that.
 */
public final class TruncatedStream extends FilterInputStream {

    private long left;

    public TruncatedStream(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public void close() {
        // the underlying stream belongs to whoever opened it
    }
}
