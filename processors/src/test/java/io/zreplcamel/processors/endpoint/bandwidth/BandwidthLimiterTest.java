package io.zreplcamel.processors.endpoint.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.values.DataSize;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The limit is checked on a fake clock that the sleeper advances: no wall-clock timing. */
class BandwidthLimiterTest {

    /** A clock that only moves when the limiter sleeps. */
    static final class FakeTime implements TokenBucket.Ticker, TokenBucket.Sleeper {
        long now = 1_000_000L;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    private static long drain(InputStream in, int bufSize) throws IOException {
        byte[] buf = new byte[bufSize];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    @Test
    void unlimitedReturnsTheStreamItself() {
        InputStream in = new ByteArrayInputStream(new byte[10]);
        assertThat(BandwidthLimiter.unlimited().limit(in)).isSameAs(in);
        assertThat(BandwidthLimiter.of(BandwidthLimit.UNLIMITED).isUnlimited()).isTrue();
        assertThat(BandwidthLimiter.of(BandwidthLimit.UNLIMITED).limit(in)).isSameAs(in);
    }

    @Test
    void configuredLimitIsLimited() {
        BandwidthLimiter l = BandwidthLimiter.of(new BandwidthLimit(DataSize.ofBytes(1024), DataSize.ofBytes(512)));
        assertThat(l.isUnlimited()).isFalse();
        InputStream in = new ByteArrayInputStream(new byte[10]);
        assertThat(l.limit(in)).isNotSameAs(in);
    }

    @Test
    void oneMebibyteAtHundredKibPerSecondTakesAboutTenSeconds() throws IOException {
        FakeTime t = new FakeTime();
        BandwidthLimiter l = BandwidthLimiter.of(new TokenBucket(100 * 1024, 16 * 1024, t, t));
        long bytes = drain(l.limit(new ByteArrayInputStream(new byte[1024 * 1024])), 64 * 1024);
        assertThat(bytes).isEqualTo(1024 * 1024);
        double seconds = t.slept / 1e9;
        // the first bucketful is free: (1 MiB - 16 KiB) / 100 KiB/s = 10.08 s
        assertThat(seconds).isBetween(10.08 * 0.9, 10.08 * 1.1);
    }

    @Test
    void streamsOfOneLimiterShareTheRate() throws IOException {
        FakeTime t = new FakeTime();
        BandwidthLimiter l = BandwidthLimiter.of(new TokenBucket(50_000, 1_000, t, t));
        InputStream a = l.limit(new ByteArrayInputStream(new byte[100_000]));
        InputStream b = l.limit(new ByteArrayInputStream(new byte[100_000]));
        byte[] buf = new byte[4096];
        long total = 0;
        boolean more = true;
        while (more) {
            int na = a.read(buf);
            int nb = b.read(buf);
            total += Math.max(na, 0) + Math.max(nb, 0);
            more = na >= 0 || nb >= 0;
        }
        assertThat(total).isEqualTo(200_000);
        // 200 kB at 50 kB/s for the job as a whole, not per stream
        assertThat(t.slept / 1e9).isBetween(4.0 * 0.9, 4.0 * 1.1);
    }

    @Property(tries = 60)
    void anyRateIsHonouredWithinTenPercent(@ForAll @IntRange(min = 1_000, max = 10_000_000) int rate,
            @ForAll @IntRange(min = 512, max = 1 << 20) int capacity,
            @ForAll @IntRange(min = 1, max = 1 << 17) int readSize) throws IOException {
        FakeTime t = new FakeTime();
        BandwidthLimiter l = BandwidthLimiter.of(new TokenBucket(rate, capacity, t, t));
        int size = Math.max(rate * 3, capacity * 10);
        drain(l.limit(new ByteArrayInputStream(new byte[size])), readSize);
        double expected = (double) (size - capacity) / rate;
        assertThat(t.slept / 1e9).isBetween(expected * 0.9, expected * 1.1);
    }

    @Test
    void invalidBucketsAreRefused() {
        FakeTime t = new FakeTime();
        assertThatThrownBy(() -> new TokenBucket(0, 10, t, t)).hasMessageContaining("`max` must be positive");
        assertThatThrownBy(() -> new TokenBucket(10, 0, t, t)).hasMessageContaining("`bucket_capacity`");
    }
}
