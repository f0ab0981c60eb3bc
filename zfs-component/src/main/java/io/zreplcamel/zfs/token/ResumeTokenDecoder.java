package io.zreplcamel.zfs.token;

import io.zreplcamel.zfs.nvlist.NvList;
import io.zreplcamel.zfs.nvlist.NvListDecoder;
import io.zreplcamel.zfs.nvlist.NvListFormatException;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes {@code receive_resume_token} values natively, without {@code zfs send -nvt}, following libzfs's
 * {@code zfs_send_resume_token_to_nvlist} and the kernel's {@code get_receive_resume_token_impl}:
 *
 * <pre>
 *   &lt;version&gt;-&lt;fletcher4 word 0, hex&gt;-&lt;packed nvlist length, hex&gt;-&lt;hex of zlib(packed nvlist)&gt;
 * </pre>
 *
 * Version must be 1; the checksum covers the compressed bytes; the payload inflates to exactly the stated length;
 * the nvlist (native or XDR encoding) must contain {@code toname}, {@code object}, {@code offset}, {@code bytes} and
 * {@code toguid}, which {@code zfs send -t} requires too. Each failure says which step failed.
 */
public final class ResumeTokenDecoder {

    /** The only token format ZFS writes ({@code ZFS_SEND_RESUME_TOKEN_VERSION}). */
    public static final int SUPPORTED_VERSION = 1;
    /** Refuse to inflate more than this: a real token's nvlist is a few hundred bytes. */
    static final long MAX_PACKED_LENGTH = 16L * 1024 * 1024;

    private static final Pattern FORMAT = Pattern.compile("(\\d+)-([0-9a-fA-F]+)-([0-9a-fA-F]+)-([0-9a-fA-F]*)");

    private ResumeTokenDecoder() {
    }

    public static ResumeToken decode(String token) {
        if (token == null) {
            throw new CorruptResumeTokenException("no token given");
        }
        String t = token.strip();
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new CorruptResumeTokenException(t.isEmpty() ? "empty token"
                    : "invalid format: expected <version>-<checksum>-<length>-<hex payload>");
        }
        int version;
        long checksum;
        long packedLength;
        try {
            version = Integer.parseInt(m.group(1));
            checksum = Long.parseUnsignedLong(m.group(2), 16);
            packedLength = Long.parseUnsignedLong(m.group(3), 16);
        } catch (NumberFormatException e) {
            throw new CorruptResumeTokenException("invalid format: header number out of range", e);
        }
        if (version != SUPPORTED_VERSION) {
            throw new CorruptResumeTokenException("invalid version " + version);
        }
        String hex = m.group(4);
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new CorruptResumeTokenException("payload is not hex-encoded: "
                    + (hex.isEmpty() ? "empty" : "odd number of digits"));
        }
        byte[] compressed = unhex(hex);
        // The checksum is computed in the byte order of the host that made the token; accept either so tokens
        // from big-endian senders decode here too.
        if (Fletcher4.firstWord(compressed, ByteOrder.LITTLE_ENDIAN) != checksum
                && Fletcher4.firstWord(compressed, ByteOrder.BIG_ENDIAN) != checksum) {
            throw new CorruptResumeTokenException("incorrect checksum");
        }
        if (packedLength == 0 || packedLength > MAX_PACKED_LENGTH) {
            throw new CorruptResumeTokenException("decompression failed: implausible length " + packedLength);
        }
        byte[] packed = inflate(compressed, (int) packedLength);
        NvList nv;
        try {
            nv = NvListDecoder.decode(packed);
        } catch (NvListFormatException e) {
            throw new CorruptResumeTokenException("nvlist_unpack failed: " + e.getMessage(), e);
        }
        return fromNvList(version, nv);
    }

    /** Builds the token view of an already decoded nvlist. */
    public static ResumeToken fromNvList(int version, NvList nv) {
        String toname = nv.getString("toname").orElseThrow(() -> missing("toname"));
        long object = nv.getLong("object").orElseThrow(() -> missing("object"));
        long offset = nv.getLong("offset").orElseThrow(() -> missing("offset"));
        long bytes = nv.getLong("bytes").orElseThrow(() -> missing("bytes"));
        long toguid = nv.getLong("toguid").orElseThrow(() -> missing("toguid"));
        OptionalLong fromguid = nv.getLong("fromguid");
        String fromname = nv.getString("fromname").orElse(null);
        return new ResumeToken(version, object, offset, bytes, toguid, toname, fromguid, fromname,
                nv.contains("compressok"), nv.contains("rawok"), nv.contains("embedok"), nv.contains("largeblockok"),
                nv.contains("savedok"), nv);
    }

    private static CorruptResumeTokenException missing(String field) {
        return new CorruptResumeTokenException("missing field '" + field + "'");
    }

    private static byte[] inflate(byte[] compressed, int expected) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[expected];
            int n = 0;
            while (n < expected && !inflater.finished()) {
                int got = inflater.inflate(out, n, expected - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != expected) {
                throw new CorruptResumeTokenException("decompression failed: got " + n + " of " + expected
                        + " bytes");
            }
            // Like zlib's uncompress(), the stream must end exactly there.
            byte[] probe = new byte[1];
            if (!inflater.finished() && inflater.inflate(probe) > 0) {
                throw new CorruptResumeTokenException("decompression failed: more than " + expected + " bytes");
            }
            if (!inflater.finished()) {
                throw new CorruptResumeTokenException("decompression failed: truncated zlib stream");
            }
            return out;
        } catch (DataFormatException e) {
            throw new CorruptResumeTokenException("decompression failed: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((Character.digit(hex.charAt(2 * i), 16) << 4) | Character.digit(hex.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
