package io.zreplcamel.transport.data;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A sink that keeps only the SHA-256 and the count of what it got; subclasses slow it down or fail it. */
public class DigestSink extends OutputStream {

    private final MessageDigest md;
    protected volatile long count;
    volatile boolean closed;

    public DigestSink() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        before(len);
        md.update(b, off, len);
        count += len;
    }

    /** Called before each write with its length. */
    protected void before(int len) throws IOException {
    }

    public long count() {
        return count;
    }

    public String sha256() {
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() {
        closed = true;
    }
}
