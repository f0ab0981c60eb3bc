package io.zreplcamel.processors.endpoint.bandwidth;

import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The bandwidth limit of one job and side (spec §9.3): one {@link TokenBucket} shared by every stream the side
 * limits, so concurrent steps of a job share its rate. Unlimited is a limiter that returns streams untouched, which
 * keeps a local {@code zfs send} pipe recognisable for the direct pipe into {@code zfs recv}.
 */
public final class BandwidthLimiter {

    private static final BandwidthLimiter UNLIMITED = new BandwidthLimiter(Optional.empty());

    private final Optional<TokenBucket> bucket;

    private BandwidthLimiter(Optional<TokenBucket> bucket) {
        this.bucket = bucket;
    }

    public static BandwidthLimiter unlimited() {
        return UNLIMITED;
    }

    /** From the job's {@code bandwidth_limit}; unlimited when {@code max} is negative (zrepl's default). */
    public static BandwidthLimiter of(BandwidthLimit configLimit) {
        Objects.requireNonNull(configLimit, "configLimit");
        if (configLimit.unlimited()) {
            return UNLIMITED;
        }
        return of(TokenBucket.system(configLimit.maxBytesPerSecond(), configLimit.bucketCapacityBytes()));
    }

    /** Over a given bucket (tests inject one with a fake clock). */
    public static BandwidthLimiter of(TokenBucket bucket) {
        return new BandwidthLimiter(Optional.of(bucket));
    }

    public boolean isUnlimited() {
        return bucket.isEmpty();
    }

    /** {@code in} itself when unlimited, otherwise a stream whose reads are metered by the shared bucket. */
    public InputStream limit(InputStream in) {
        Objects.requireNonNull(in, "in");
        return bucket.<InputStream>map(b -> new Limited(in, b)).orElse(in);
    }

    /**
     * Reads at most one bucket's capacity at a time and pays for what it read afterwards (juju/ratelimit's
     * Reader), so a read never needs more tokens than the bucket can hold.
     */
    private static final class Limited extends FilterInputStream {
        private final TokenBucket bucket;

        Limited(InputStream in, TokenBucket bucket) {
            super(in);
            this.bucket = bucket;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                pay(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, (int) Math.min(len, bucket.capacity()));
            if (n > 0) {
                pay(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, bucket.capacity()));
            pay(skipped);
            return skipped;
        }

        private void pay(long n) throws IOException {
            try {
                bucket.take(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the bandwidth limit");
            }
        }
    }
}
