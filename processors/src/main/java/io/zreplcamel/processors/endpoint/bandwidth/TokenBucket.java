package io.zreplcamel.processors.endpoint.bandwidth;

import java.util.Objects;

/**
 * A token bucket with juju/ratelimit semantics (zrepl's, spec §9.3): {@code rate} tokens (bytes) per second flow
 * into a bucket of {@code capacity}; a taker takes what it needs and, if that drives the bucket below zero, waits
 * until the debt would be repaid. Debt is shared: concurrent streams of one job queue behind each other, so the
 * job as a whole stays at the rate. Time and sleeping are injected so tests need no wall clock.
 */
public final class TokenBucket {

    /** Monotonic nanoseconds ({@link System#nanoTime()} in production). */
    @FunctionalInterface
    public interface Ticker {
        long nanoTime();
    }

    /** Sleeps for the given nanoseconds ({@link Thread#sleep} in production). */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long rate;
    private final long capacity;
    private final Ticker ticker;
    private final Sleeper sleeper;

    private double tokens;
    private long lastRefill;

    public TokenBucket(long bytesPerSecond, long capacityBytes, Ticker ticker, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth limit `max` must be positive, not " + bytesPerSecond
                    + " bytes/s");
        }
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("bandwidth limit `bucket_capacity` must be positive, not "
                    + capacityBytes + " bytes");
        }
        this.rate = bytesPerSecond;
        this.capacity = capacityBytes;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = capacityBytes;
        this.lastRefill = ticker.nanoTime();
    }

    /** With the system's monotonic clock and {@link Thread#sleep}. */
    public static TokenBucket system(long bytesPerSecond, long capacityBytes) {
        return new TokenBucket(bytesPerSecond, capacityBytes, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public long rate() {
        return rate;
    }

    public long capacity() {
        return capacity;
    }

    /** Takes {@code n} tokens, waiting as long as the bucket is in debt after taking them. */
    public void take(long n) throws InterruptedException {
        if (n <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            refill();
            tokens -= n;
            waitNanos = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / rate);
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
    }

    private void refill() {
        long now = ticker.nanoTime();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed * rate / NANOS_PER_SECOND);
            lastRefill = now;
        }
    }
}
