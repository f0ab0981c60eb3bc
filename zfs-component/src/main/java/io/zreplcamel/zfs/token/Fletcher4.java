package io.zreplcamel.zfs.token;

import java.nio.ByteOrder;

/**
 * ZFS's Fletcher-4 ({@code fletcher_4_scalar_native}): four 64-bit running sums over the buffer read as 32-bit
 * words; a trailing partial word is ignored. Resume tokens carry the first sum of the compressed payload, computed in
 * the sending host's byte order.
 */
public final class Fletcher4 {

    private Fletcher4() {
    }

    /** The four sums {@code a, b, c, d} (uint64 with wrap-around). */
    public static long[] checksum(byte[] data, ByteOrder order) {
        long a = 0;
        long b = 0;
        long c = 0;
        long d = 0;
        int words = data.length / 4;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < words; i++) {
            int o = i * 4;
            long w = little
                    ? (data[o] & 0xffL) | (data[o + 1] & 0xffL) << 8 | (data[o + 2] & 0xffL) << 16
                            | (data[o + 3] & 0xffL) << 24
                    : (data[o + 3] & 0xffL) | (data[o + 2] & 0xffL) << 8 | (data[o + 1] & 0xffL) << 16
                            | (data[o] & 0xffL) << 24;
            a += w;
            b += a;
            c += b;
            d += c;
        }
        return new long[] {a, b, c, d};
    }

    /** The first word, as stored in a resume token. */
    public static long firstWord(byte[] data, ByteOrder order) {
        return checksum(data, order)[0];
    }
}
