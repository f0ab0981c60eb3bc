package io.zreplcamel.processors.hooks;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes written: a hook that prints gigabytes must not take the daemon's heap with it
 * (zrepl keeps a 1 MiB ring, {@code ZREPL_MAX_HOOK_LOG_SIZE}).
 */
final class BoundedOutput {

    private final byte[] ring;
    private long written;

    BoundedOutput(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] b, int off, int len) {
        // Of a write longer than the ring only its tail can survive; skip the rest but count it.
        int skip = Math.max(0, len - ring.length);
        written += skip;
        for (int i = skip; i < len; i++) {
            ring[(int) (written % ring.length)] = b[off + i];
            written++;
        }
    }

    synchronized byte[] bytes() {
        if (written <= ring.length) {
            byte[] out = new byte[(int) written];
            System.arraycopy(ring, 0, out, 0, out.length);
            return out;
        }
        int start = (int) (written % ring.length);
        byte[] out = new byte[ring.length];
        System.arraycopy(ring, start, out, 0, ring.length - start);
        System.arraycopy(ring, 0, out, ring.length - start, start);
        return out;
    }

    synchronized long totalWritten() {
        return written;
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
