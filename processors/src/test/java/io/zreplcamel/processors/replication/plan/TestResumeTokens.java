package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.zfs.token.Fletcher4;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * Builds {@code receive_resume_token} strings as the kernel does (a natively packed little-endian nvlist of the
 * fields {@code get_receive_resume_token_impl} writes, zlib-compressed, Fletcher-4 checked), so planner tests feed
 * the real decoder with tokens of any guids.
 */
public final class TestResumeTokens {

    private static final int UINT64 = 8;
    private static final int STRING = 9;

    private TestResumeTokens() {
    }

    /** An incremental token ({@code fromguid} present) or a full one ({@code fromGuid} null). */
    public static String token(Long fromGuid, long toGuid, String toName) {
        ByteArrayOutputStream nv = new ByteArrayOutputStream();
        nv.writeBytes(new byte[] {0, 1, 0, 0}); // native encoding, little-endian
        nv.writeBytes(le(8).putInt(0).putInt(1).array()); // nvlist version 0, NV_UNIQUE_NAME
        if (fromGuid != null) {
            pair(nv, "fromguid", UINT64, le(8).putLong(fromGuid).array());
        }
        pair(nv, "object", UINT64, le(8).putLong(2).array());
        pair(nv, "offset", UINT64, le(8).putLong(4096).array());
        pair(nv, "bytes", UINT64, le(8).putLong(8192).array());
        pair(nv, "toguid", UINT64, le(8).putLong(toGuid).array());
        pair(nv, "toname", STRING, (toName + "\0").getBytes(StandardCharsets.UTF_8));
        nv.writeBytes(le(4).putInt(0).array());
        byte[] packed = nv.toByteArray();
        byte[] compressed = zlib(packed);
        return "1-" + Long.toHexString(Fletcher4.firstWord(compressed, ByteOrder.LITTLE_ENDIAN)) + "-"
                + Long.toHexString(packed.length) + "-" + HexFormat.of().formatHex(compressed);
    }

    private static void pair(ByteArrayOutputStream out, String name, int type, byte[] value) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        int header = align8(16 + n.length);
        int size = header + align8(value.length);
        out.writeBytes(le(16).putInt(size).putShort((short) n.length).putShort((short) 0).putInt(1).putInt(type)
                .array());
        out.writeBytes(n);
        out.writeBytes(new byte[header - 16 - n.length]);
        out.writeBytes(value);
        out.writeBytes(new byte[align8(value.length) - value.length]);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int align8(int x) {
        return (x + 7) & ~7;
    }

    private static byte[] zlib(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
