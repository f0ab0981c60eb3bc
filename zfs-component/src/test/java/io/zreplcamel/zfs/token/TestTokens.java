package io.zreplcamel.zfs.token;

import io.zreplcamel.zfs.nvlist.NvList;
import io.zreplcamel.zfs.nvlist.NvListEncoder;
import io.zreplcamel.zfs.nvlist.NvPair;
import io.zreplcamel.zfs.nvlist.NvType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

/** Builds resume tokens the way the kernel does (get_receive_resume_token_impl), for decoder tests. */
public final class TestTokens {

    private TestTokens() {
    }

    /** Token text for an nvlist packed natively little-endian (as on x86). */
    public static String token(NvList nv) {
        return fromPacked(NvListEncoder.native_(nv, ByteOrder.LITTLE_ENDIAN), ByteOrder.LITTLE_ENDIAN);
    }

    public static String fromPacked(byte[] packed, ByteOrder checksumOrder) {
        byte[] compressed = zlib(packed);
        long cksum = Fletcher4.firstWord(compressed, checksumOrder);
        return "1-" + Long.toHexString(cksum) + "-" + Long.toHexString(packed.length) + "-"
                + HexFormat.of().formatHex(compressed);
    }

    public static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(6);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
        d.end();
        return out.toByteArray();
    }

    /** The fields the kernel writes, in its order; null / false leave a field out. */
    public static NvList tokenList(Long fromguid, long object, long offset, long bytes, long toguid, String toname,
            boolean largeblock, boolean embed, boolean compress, boolean raw) {
        List<NvPair> p = new ArrayList<>();
        if (fromguid != null) {
            p.add(new NvPair("fromguid", NvType.UINT64, fromguid));
        }
        p.add(new NvPair("object", NvType.UINT64, object));
        p.add(new NvPair("offset", NvType.UINT64, offset));
        p.add(new NvPair("bytes", NvType.UINT64, bytes));
        p.add(new NvPair("toguid", NvType.UINT64, toguid));
        p.add(new NvPair("toname", NvType.STRING, toname));
        if (largeblock) {
            p.add(new NvPair("largeblockok", NvType.BOOLEAN, true));
        }
        if (embed) {
            p.add(new NvPair("embedok", NvType.BOOLEAN, true));
        }
        if (compress) {
            p.add(new NvPair("compressok", NvType.BOOLEAN, true));
        }
        if (raw) {
            p.add(new NvPair("rawok", NvType.BOOLEAN, true));
        }
        return new NvList(0, NvList.NV_UNIQUE_NAME, p);
    }
}
