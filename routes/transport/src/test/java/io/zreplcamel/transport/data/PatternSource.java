package io.zreplcamel.transport.data;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A deterministic incompressible stream of {@code size} bytes (xorshift), cheap enough for GiBs. */
public class PatternSource extends InputStream {

    private final long size;
    private long position;
    private long state;

    public PatternSource(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    public long position() {
        return position;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            if ((position + i & 7) == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            b[off + i] = (byte) (state >>> ((position + i & 7) << 3));
        }
        position += n;
        return n;
    }

    /** SHA-256 (hex) of the first {@code length} bytes of the stream with this seed. */
    public static String sha256(long length, long seed) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            PatternSource s = new PatternSource(length, seed);
            byte[] buf = new byte[1 << 16];
            for (int n; (n = s.read(buf, 0, buf.length)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
