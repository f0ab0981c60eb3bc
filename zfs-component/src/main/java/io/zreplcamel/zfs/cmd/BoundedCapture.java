package io.zreplcamel.zfs.cmd;

import java.nio.charset.StandardCharsets;

/**
 * Keeps at most {@code limit} bytes of a stream: the first half verbatim and a ring of the most recent bytes, so both
 * the first error line (what libzfs prints first) and the last lines (what a long-running command said last)
 * survive a stderr that grows without bound. Thread-safe: one drainer writes while others read a snapshot.
 */
public final class BoundedCapture implements OutputSink {

    private final int headLimit;
    private final byte[] head;
    private int headLen;
    private final byte[] tail;
    private int tailStart;
    private int tailLen;
    private long total;

    public BoundedCapture(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("capture limit must be at least 2 bytes, got " + limit);
        }
        this.headLimit = limit / 2;
        this.head = new byte[headLimit];
        this.tail = new byte[limit - headLimit];
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, headLimit - headLen);
        System.arraycopy(b, off, head, headLen, toHead);
        headLen += toHead;
        for (int i = toHead; i < len; i++) {
            int pos = (tailStart + tailLen) % tail.length;
            tail[pos] = b[off + i];
            if (tailLen < tail.length) {
                tailLen++;
            } else {
                tailStart = (tailStart + 1) % tail.length;
            }
        }
    }

    /** Bytes written so far, including those dropped. */
    public synchronized long totalBytes() {
        return total;
    }

    /** Bytes kept, never more than the limit. */
    public synchronized int keptBytes() {
        return headLen + tailLen;
    }

    @Override
    public String text() {
        return toString();
    }

    /** The kept text; when bytes were dropped, a marker line says how many, between head and tail. */
    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder(new String(head, 0, headLen, StandardCharsets.UTF_8));
        long dropped = total - headLen - tailLen;
        if (dropped > 0) {
            sb.append("\n[... ").append(dropped).append(" bytes of output omitted ...]\n");
        }
        byte[] t = new byte[tailLen];
        for (int i = 0; i < tailLen; i++) {
            t[i] = tail[(tailStart + i) % tail.length];
        }
        return sb.append(new String(t, StandardCharsets.UTF_8)).toString();
    }
}
