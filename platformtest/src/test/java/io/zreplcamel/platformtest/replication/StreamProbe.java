package io.zreplcamel.platformtest.replication;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Wraps every stream the receiver reads (as the receiver's limiter, {@link LocalReplicationRig#receiver}): records,
 * per stream, the bytes read and the time from the first read call to the end (EOF or close), and how many streams
 * were being read at the same time. A stream counts as running from its first read call to its end.
 */
final class StreamProbe implements UnaryOperator<InputStream> {

    /** One stream: bytes, and nanoTime of the first read call and of the end (0 while running). */
    static final class Transfer {
        volatile long bytes;
        volatile long startNanos;
        volatile long endNanos;

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        /** Bytes per second over the whole transfer. */
        double rate() {
            return bytes / seconds();
        }
    }

    final List<Transfer> transfers = new CopyOnWriteArrayList<>();
    private int running;
    private int maxRunning;

    synchronized int maxRunning() {
        return maxRunning;
    }

    private synchronized void enter() {
        running++;
        maxRunning = Math.max(maxRunning, running);
    }

    private synchronized void leave() {
        running--;
    }

    @Override
    public InputStream apply(InputStream in) {
        Transfer t = new Transfer();
        transfers.add(t);
        return new FilterInputStream(in) {
            private boolean started;
            private boolean ended;

            private void start() {
                if (!started) {
                    started = true;
                    t.startNanos = System.nanoTime();
                    enter();
                }
            }

            private void end() {
                if (started && !ended) {
                    ended = true;
                    t.endNanos = System.nanoTime();
                    leave();
                }
            }

            @Override
            public int read() throws IOException {
                start();
                int b = super.read();
                if (b < 0) {
                    end();
                } else {
                    t.bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                start();
                int n = super.read(buf, off, len);
                if (n < 0) {
                    end();
                } else {
                    t.bytes += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    end();
                }
            }
        };
    }
}
