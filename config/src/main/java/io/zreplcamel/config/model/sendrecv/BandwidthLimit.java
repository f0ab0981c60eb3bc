package io.zreplcamel.config.model.sendrecv;

import io.zreplcamel.config.values.DataSize;

/**
 * {@code bandwidth_limit}: a token bucket over the ZFS stream payload of one job and side. A negative {@code max}
 * (zrepl's default {@code -1 B}) means unlimited.
 */
public record BandwidthLimit(DataSize max, DataSize bucketCapacity) {

    public static final BandwidthLimit UNLIMITED = new BandwidthLimit(DataSize.ofBytes(-1), DataSize.ofBytes(128 * 1024));

    public boolean unlimited() {
        return max.wholeBytes() < 0 || max.bits() < 0;
    }

    /** Bytes per second, or -1 when unlimited. */
    public long maxBytesPerSecond() {
        return unlimited() ? -1 : max.wholeBytes();
    }

    public long bucketCapacityBytes() {
        return bucketCapacity.wholeBytes();
    }
}
