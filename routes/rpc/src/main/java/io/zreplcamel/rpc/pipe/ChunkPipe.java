package io.zreplcamel.rpc.pipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A bounded hand-over of stream chunks from the data connection's sink thread (writer) to the thread that feeds
 * {@code zfs recv} (reader): the {@link OutputStream} a {@code StreamReceiver} writes, as the {@link InputStream} a
 * {@code Receiver} reads. At most {@code capacity} bytes wait in it (plus one chunk), so a slow {@code zfs recv}
 * stops the writer, which stops the connection (backpressure), and memory stays flat for any stream size.
 *
 * <p>How the stream ended is the writer side's to say ({@link #finish}): the reader sees end-of-file only after a
 * complete stream, and an {@link IOException} carrying the writer's failure otherwise, so a truncated stream is never
 * mistaken for a complete one. When the reader gives up early ({@link InputStream#close()}, {@link #readerFailed}),
 * the writer's next write fails with the reader's reason.
 */
public final class ChunkPipe {

    private final long capacity;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private long queued;
    private int headOffset;
    private boolean writerClosed;
    /** How the writer ended: null while open or after a complete stream. */
    private IOException writerFailure;
    private boolean finished;
    private IOException readerFailure;
    private final CompletableFuture<Void> readerDone = new CompletableFuture<>();
    private final boolean closeWaitsForReader;

    /**
     * @param capacity            bytes that may wait between writer and reader
     * @param closeWaitsForReader the writer's {@code close()} blocks until the reader is done ({@link #readerDone})
     *                            and fails when the reader failed: a receiving server's END acknowledgement then
     *                            means "zfs recv succeeded"
     */
    public ChunkPipe(long capacity, boolean closeWaitsForReader) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.closeWaitsForReader = closeWaitsForReader;
    }

    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return;
            }
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            IOException stopped;
            synchronized (ChunkPipe.this) {
                while (readerFailure == null && queued >= capacity) {
                    awaitOrInterrupt();
                }
                stopped = readerFailure;
                if (stopped == null) {
                    if (writerClosed) {
                        throw new IOException("pipe closed");
                    }
                    chunks.add(copy);
                    queued += len;
                    ChunkPipe.this.notifyAll();
                    return;
                }
            }
            throw whyReaderStopped(stopped);
        }

        @Override
        public void flush() {
        }

        /**
         * A reader that stops early usually closes its stream before its caller reports why (a failed zfs recv):
         * give the reason a moment to arrive, since "closed before its end" tells the peer nothing.
         */
        private IOException whyReaderStopped(IOException stopped) {
            if (!closeWaitsForReader) {
                return new IOException(stopped.getMessage(), stopped);
            }
            try {
                readerDone.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                return new IOException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.TimeoutException e) {
                // no reason came: the close is all there is to say
            }
            return new IOException(stopped.getMessage(), stopped);
        }

        @Override
        public void close() throws IOException {
            synchronized (ChunkPipe.this) {
                writerClosed = true;
                ChunkPipe.this.notifyAll();
            }
            if (closeWaitsForReader) {
                try {
                    readerDone.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the receive to end");
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw new IOException(c.getMessage() == null ? c.toString() : c.getMessage(), c);
                }
            }
        }
    };

    private final InputStream source = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            synchronized (ChunkPipe.this) {
                // a waiting writer's close comes before the outcome is known: there, end-of-file at the close, and zfs recv
                // itself tells a cut stream from a whole one (it ends with an END record and checksum)
                while (chunks.isEmpty() && !(writerClosed && (finished || closeWaitsForReader))
                        && readerFailure == null) {
                    awaitOrInterrupt();
                }
                if (readerFailure != null) {
                    throw new IOException(readerFailure.getMessage(), readerFailure);
                }
                if (chunks.isEmpty()) {
                    if (writerFailure != null) {
                        throw new IOException(writerFailure.getMessage(), writerFailure);
                    }
                    return -1;
                }
                byte[] head = chunks.peek();
                int n = Math.min(len, head.length - headOffset);
                System.arraycopy(head, headOffset, b, off, n);
                headOffset += n;
                if (headOffset == head.length) {
                    chunks.poll();
                    headOffset = 0;
                }
                queued -= n;
                ChunkPipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (ChunkPipe.this) {
                return (int) Math.min(Integer.MAX_VALUE, queued);
            }
        }

        @Override
        public void close() {
            readerFailed(new IOException("the receiving side closed the stream before its end"));
        }
    };

    private void awaitOrInterrupt() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** What the writer writes (the data connection's sink). */
    public OutputStream sink() {
        return sink;
    }

    /** What the reader reads (the stream given to {@code zfs recv}). */
    public InputStream source() {
        return source;
    }

    /**
     * How the stream ended, told by the connection once it knows (after the writer's close): {@code null} for a
     * complete stream (the reader then gets end-of-file), otherwise the failure the reader gets after the bytes that
     * did arrive.
     */
    public synchronized void finish(IOException failure) {
        if (!finished) {
            finished = true;
            writerFailure = failure;
            writerClosed = true;
            notifyAll();
        }
    }

    /** The reader stopped (the receive failed or ended): later writes fail with {@code reason}. */
    public synchronized void readerFailed(IOException reason) {
        if (readerFailure == null) {
            readerFailure = reason;
            chunks.clear();
            queued = 0;
        }
        notifyAll();
    }

    /** The reader's work (the receive) is over: completes what a waiting writer close waits for. */
    public void readerDone(Throwable failure) {
        if (failure == null) {
            readerDone.complete(null);
        } else {
            readerDone.completeExceptionally(failure);
            readerFailed(new IOException(failure.getMessage() == null ? failure.toString() : failure.getMessage(),
                    failure));
        }
    }
}
