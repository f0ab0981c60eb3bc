package io.zreplcamel.zfs.nvlist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes packed nvlists as {@code nvlist_unpack} does ({@code module/nvpair/nvpair.c}), in both encodings:
 *
 * <p><b>Header</b> (4 bytes): encoding ({@code 0} native, {@code 1} XDR), endianness of the packing host
 * ({@code 1} little, {@code 0} big), two reserved bytes.
 *
 * <p><b>Native</b>: in the packing host's byte order. {@code int32 nvl_version, uint32 nvl_nvflag}, then each pair
 * as the in-memory {@code nvpair_t}: {@code int32 nvp_size, int16 nvp_name_sz, int16 reserved, int32 nelem,
 * int32 type}, the NUL-terminated name, padding to 8, the value (padded to 8); {@code nvp_size} covers all of it.
 * A nested nvlist's value is a 24-byte {@code nvlist_t} and its pairs follow the pair directly, each list ending in
 * an {@code int32 0}.
 *
 * <p><b>XDR</b>: big-endian regardless of the header. {@code version, nvflag}, then per pair
 * {@code encoded size, decoded size, string name, type, nelem, data}; 1-, 2- and 4-byte scalars take 4 bytes,
 * arrays carry a count (byte arrays are opaque, string arrays are {@code nelem} strings); a list ends in two zero
 * words.
 *
 * <p>Every length is checked against the buffer, so corrupt input raises {@link NvListFormatException}, never an
 * index exception. Native lists are accepted in either byte order (ZFS itself only unpacks its own).
 */
public final class NvListDecoder {

    public static final int ENCODE_NATIVE = 0;
    public static final int ENCODE_XDR = 1;
    /** nvpair.c's user-space recursion limit for nested lists. */
    public static final int MAX_DEPTH = 100;

    private static final int NVPAIR_HEADER = 16;
    private static final int NVLIST_STRUCT = 24;

    private final ByteBuffer buf;
    private final int end;

    private NvListDecoder(byte[] packed, ByteOrder order) {
        this.buf = ByteBuffer.wrap(packed).order(order);
        this.end = packed.length;
    }

    /** Decodes a packed nvlist including its 4-byte header. */
    public static NvList decode(byte[] packed) throws NvListFormatException {
        if (packed.length < 4) {
            throw new NvListFormatException("packed nvlist too short for its header (" + packed.length + " bytes)");
        }
        int encoding = packed[0];
        int endian = packed[1];
        if (endian != 0 && endian != 1) {
            throw new NvListFormatException("invalid endianness byte " + endian + " in nvlist header");
        }
        return switch (encoding) {
            case ENCODE_NATIVE -> new NvListDecoder(packed,
                    endian == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).decodeNative();
            case ENCODE_XDR -> new NvListDecoder(packed, ByteOrder.BIG_ENDIAN).decodeXdr();
            default -> throw new NvListFormatException("unknown nvlist encoding " + encoding
                    + " (0 = native, 1 = XDR)");
        };
    }

    // ---------------------------------------------------------------- native

    private NvList decodeNative() throws NvListFormatException {
        int pos = 4;
        need(pos, 8, "nvlist header");
        int version = buf.getInt(pos);
        int flags = buf.getInt(pos + 4);
        int[] cursor = {pos + 8};
        List<NvPair> pairs = nativePairs(cursor, flags, 0);
        return new NvList(version, flags, pairs);
    }

    private List<NvPair> nativePairs(int[] cursor, int flags, int depth) throws NvListFormatException {
        if (depth > MAX_DEPTH) {
            throw new NvListFormatException("nvlist nested deeper than " + MAX_DEPTH);
        }
        List<NvPair> pairs = new ArrayList<>();
        while (true) {
            int pos = cursor[0];
            need(pos, 4, "nvpair size (end-of-list marker missing)");
            int size = buf.getInt(pos);
            if (size == 0) {
                cursor[0] = pos + 4;
                return pairs;
            }
            if (size < 0 || size > end - pos) {
                throw new NvListFormatException("nvpair at offset " + pos + " has size " + size + ", only "
                        + (end - pos) + " bytes left");
            }
            if (size < align8(NVPAIR_HEADER + 1)) {
                throw new NvListFormatException("nvpair at offset " + pos + " too small (" + size + " bytes)");
            }
            int nameSz = buf.getShort(pos + 4);
            int nelem = buf.getInt(pos + 8);
            int typeCode = buf.getInt(pos + 12);
            if (nameSz <= 0 || size < align8(NVPAIR_HEADER + nameSz)) {
                throw new NvListFormatException("nvpair at offset " + pos + " has invalid name size " + nameSz);
            }
            String name = cString(pos + NVPAIR_HEADER, pos + NVPAIR_HEADER + nameSz, "nvpair name");
            if (name.getBytes(StandardCharsets.UTF_8).length != nameSz - 1) {
                throw new NvListFormatException("nvpair name at offset " + pos + " is not " + (nameSz - 1)
                        + " bytes long");
            }
            NvType type = type(typeCode, name);
            checkNelem(type, nelem, name);
            int valueStart = pos + align8(NVPAIR_HEADER + nameSz);
            int valueEnd = pos + size;
            cursor[0] = valueEnd;
            Object value = nativeValue(type, nelem, name, valueStart, valueEnd, flags, depth, cursor);
            add(pairs, new NvPair(name, type, value), flags);
        }
    }

    private Object nativeValue(NvType type, int nelem, String name, int start, int end, int flags, int depth,
            int[] cursor) throws NvListFormatException {
        int room = end - start;
        switch (type) {
            case BOOLEAN:
                expectValueSize(name, room, 0);
                return Boolean.TRUE;
            case STRING: {
                String s = cString(start, end, "string value of '" + name + "'");
                expectValueSize(name, room, s.getBytes(StandardCharsets.UTF_8).length + 1);
                return s;
            }
            case STRING_ARRAY: {
                long slots = (long) nelem * 8;
                if (slots > room) {
                    throw new NvListFormatException("string array '" + name + "' overruns its pair");
                }
                String[] out = new String[nelem];
                int p = start + (int) slots;
                for (int i = 0; i < nelem; i++) {
                    out[i] = cString(p, end, "string " + i + " of '" + name + "'");
                    p += out[i].getBytes(StandardCharsets.UTF_8).length + 1;
                }
                expectValueSize(name, room, p - start);
                return out;
            }
            case NVLIST: {
                expectValueSize(name, room, NVLIST_STRUCT);
                int embeddedFlags = embeddedHeader(start, name);
                List<NvPair> inner = nativePairs(cursor, embeddedFlags, depth + 1);
                return new NvList(0, embeddedFlags, inner);
            }
            case NVLIST_ARRAY: {
                long need = (long) nelem * (8 + NVLIST_STRUCT);
                expectValueSize(name, room, need);
                List<NvList> lists = new ArrayList<>(nelem);
                for (int i = 0; i < nelem; i++) {
                    int embeddedFlags = embeddedHeader(start + nelem * 8 + i * NVLIST_STRUCT, name);
                    lists.add(new NvList(0, embeddedFlags, nativePairs(cursor, embeddedFlags, depth + 1)));
                }
                return List.copyOf(lists);
            }
            default:
                break;
        }
        int width = type.elementSize();
        long need = (long) width * (type.isArray() ? nelem : 1);
        expectValueSize(name, room, need);
        if (!type.isArray()) {
            return scalar(type, start, name);
        }
        return nativeArray(type, nelem, start, width, name);
    }

    private Object scalar(NvType type, int p, String name) throws NvListFormatException {
        return switch (type) {
            case BYTE, UINT8 -> (long) (buf.get(p) & 0xff);
            case INT8 -> (long) buf.get(p);
            case INT16 -> (long) buf.getShort(p);
            case UINT16 -> (long) (buf.getShort(p) & 0xffff);
            case INT32 -> (long) buf.getInt(p);
            case UINT32 -> buf.getInt(p) & 0xffffffffL;
            case INT64, UINT64, HRTIME -> buf.getLong(p);
            case DOUBLE -> buf.getDouble(p);
            case BOOLEAN_VALUE -> bool(buf.getInt(p), name);
            default -> throw new NvListFormatException("unexpected scalar type " + type);
        };
    }

    private Object nativeArray(NvType type, int nelem, int start, int width, String name)
            throws NvListFormatException {
        if (type == NvType.BYTE_ARRAY) {
            byte[] b = new byte[nelem];
            buf.get(start, b);
            return b;
        }
        if (type == NvType.BOOLEAN_ARRAY) {
            boolean[] b = new boolean[nelem];
            for (int i = 0; i < nelem; i++) {
                b[i] = bool(buf.getInt(start + i * 4), name);
            }
            return b;
        }
        long[] out = new long[nelem];
        for (int i = 0; i < nelem; i++) {
            int p = start + i * width;
            out[i] = switch (type) {
                case INT8_ARRAY -> buf.get(p);
                case UINT8_ARRAY -> buf.get(p) & 0xff;
                case INT16_ARRAY -> buf.getShort(p);
                case UINT16_ARRAY -> buf.getShort(p) & 0xffff;
                case INT32_ARRAY -> buf.getInt(p);
                case UINT32_ARRAY -> buf.getInt(p) & 0xffffffffL;
                default -> buf.getLong(p);
            };
        }
        return out;
    }

    /** The nvlist_t in a nested pair's value: version must be 0 ({@code NV_VERSION}), returns its flags. */
    private int embeddedHeader(int p, String name) throws NvListFormatException {
        int version = buf.getInt(p);
        if (version != 0) {
            throw new NvListFormatException("nested nvlist '" + name + "' has unsupported version " + version);
        }
        return buf.getInt(p + 4);
    }

    /** Native values must fill their padded area exactly, as {@code i_validate_nvpair} demands. */
    private static void expectValueSize(String name, int room, long valueSize) throws NvListFormatException {
        if (room != align8(valueSize)) {
            throw new NvListFormatException("value of '" + name + "' takes " + room + " bytes, expected "
                    + align8(valueSize));
        }
    }

    // ---------------------------------------------------------------- XDR

    private NvList decodeXdr() throws NvListFormatException {
        int[] cursor = {4};
        int version = xdrInt(cursor, "nvlist version");
        int flags = xdrInt(cursor, "nvlist flags");
        return new NvList(version, flags, xdrPairs(cursor, flags, 0));
    }

    private List<NvPair> xdrPairs(int[] cursor, int flags, int depth) throws NvListFormatException {
        if (depth > MAX_DEPTH) {
            throw new NvListFormatException("nvlist nested deeper than " + MAX_DEPTH);
        }
        List<NvPair> pairs = new ArrayList<>();
        while (true) {
            int at = cursor[0];
            int encodedSize = xdrInt(cursor, "nvpair encoded size (end-of-list marker missing)");
            int decodedSize = xdrInt(cursor, "nvpair decoded size");
            if (decodedSize == 0) {
                return pairs;
            }
            if (encodedSize < 0 || decodedSize < 0 || encodedSize > end - at) {
                throw new NvListFormatException("nvpair at offset " + at + " claims " + encodedSize
                        + " bytes, only " + (end - at) + " left");
            }
            String name = xdrString(cursor, "nvpair name");
            if (name.isEmpty()) {
                throw new NvListFormatException("nvpair at offset " + at + " has an empty name");
            }
            NvType type = type(xdrInt(cursor, "type of '" + name + "'"), name);
            int nelem = xdrInt(cursor, "element count of '" + name + "'");
            checkNelem(type, nelem, name);
            Object value = xdrValue(type, nelem, name, cursor, flags, depth);
            add(pairs, new NvPair(name, type, value), flags);
        }
    }

    private Object xdrValue(NvType type, int nelem, String name, int[] cursor, int flags, int depth)
            throws NvListFormatException {
        String what = "value of '" + name + "'";
        switch (type) {
            case BOOLEAN:
                return Boolean.TRUE;
            case BYTE, UINT8:
                return (long) (xdrInt(cursor, what) & 0xff);
            case INT8:
                return (long) (byte) xdrInt(cursor, what);
            case INT16:
                return (long) (short) xdrInt(cursor, what);
            case UINT16:
                return (long) (xdrInt(cursor, what) & 0xffff);
            case INT32:
                return (long) xdrInt(cursor, what);
            case UINT32:
                return xdrInt(cursor, what) & 0xffffffffL;
            case BOOLEAN_VALUE:
                return bool(xdrInt(cursor, what), name);
            case INT64, UINT64, HRTIME:
                return xdrLong(cursor, what);
            case DOUBLE:
                return Double.longBitsToDouble(xdrLong(cursor, what));
            case STRING:
                return xdrString(cursor, what);
            case BYTE_ARRAY: {
                need(cursor[0], align4(nelem), what);
                byte[] b = new byte[nelem];
                buf.get(cursor[0], b);
                cursor[0] += align4(nelem);
                return b;
            }
            case STRING_ARRAY: {
                String[] out = new String[nelem];
                for (int i = 0; i < nelem; i++) {
                    out[i] = xdrString(cursor, what);
                }
                return out;
            }
            case NVLIST: {
                int embeddedFlags = xdrEmbeddedHeader(cursor, name);
                return new NvList(0, embeddedFlags, xdrPairs(cursor, embeddedFlags, depth + 1));
            }
            case NVLIST_ARRAY: {
                List<NvList> lists = new ArrayList<>();
                for (int i = 0; i < nelem; i++) {
                    int embeddedFlags = xdrEmbeddedHeader(cursor, name);
                    lists.add(new NvList(0, embeddedFlags, xdrPairs(cursor, embeddedFlags, depth + 1)));
                }
                return List.copyOf(lists);
            }
            default:
                break;
        }
        // xdr_array: a count, then each element as its XDR unit (4 bytes up to 32 bits, 8 bytes for 64 bits).
        int count = nelem == 0 ? 0 : xdrInt(cursor, "count of '" + name + "'");
        if (count != nelem) {
            throw new NvListFormatException("array '" + name + "' has " + count + " elements, pair says " + nelem);
        }
        int unit = type.elementSize() == 8 ? 8 : 4;
        need(cursor[0], (long) unit * nelem, what);
        if (type == NvType.BOOLEAN_ARRAY) {
            boolean[] b = new boolean[nelem];
            for (int i = 0; i < nelem; i++) {
                b[i] = bool(xdrInt(cursor, what), name);
            }
            return b;
        }
        long[] out = new long[nelem];
        for (int i = 0; i < nelem; i++) {
            out[i] = switch (type) {
                case INT8_ARRAY -> (byte) xdrInt(cursor, what);
                case UINT8_ARRAY -> xdrInt(cursor, what) & 0xff;
                case INT16_ARRAY -> (short) xdrInt(cursor, what);
                case UINT16_ARRAY -> xdrInt(cursor, what) & 0xffff;
                case INT32_ARRAY -> xdrInt(cursor, what);
                case UINT32_ARRAY -> xdrInt(cursor, what) & 0xffffffffL;
                default -> xdrLong(cursor, what);
            };
        }
        return out;
    }

    private int xdrEmbeddedHeader(int[] cursor, String name) throws NvListFormatException {
        int version = xdrInt(cursor, "version of nested nvlist '" + name + "'");
        if (version != 0) {
            throw new NvListFormatException("nested nvlist '" + name + "' has unsupported version " + version);
        }
        return xdrInt(cursor, "flags of nested nvlist '" + name + "'");
    }

    private int xdrInt(int[] cursor, String what) throws NvListFormatException {
        need(cursor[0], 4, what);
        int v = buf.getInt(cursor[0]);
        cursor[0] += 4;
        return v;
    }

    private long xdrLong(int[] cursor, String what) throws NvListFormatException {
        need(cursor[0], 8, what);
        long v = buf.getLong(cursor[0]);
        cursor[0] += 8;
        return v;
    }

    private String xdrString(int[] cursor, String what) throws NvListFormatException {
        int len = xdrInt(cursor, "length of " + what);
        if (len < 0) {
            throw new NvListFormatException("negative length of " + what);
        }
        need(cursor[0], align4(len), what);
        byte[] b = new byte[len];
        buf.get(cursor[0], b);
        cursor[0] += align4(len);
        for (byte x : b) {
            if (x == 0) {
                throw new NvListFormatException("NUL inside " + what);
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- shared

    private static void add(List<NvPair> pairs, NvPair pair, int flags) {
        // nvt_add_nvpair: with a uniqueness flag a later pair replaces an earlier one of the same name (and type).
        if ((flags & (NvList.NV_UNIQUE_NAME | NvList.NV_UNIQUE_NAME_TYPE)) != 0) {
            boolean byType = (flags & NvList.NV_UNIQUE_NAME) == 0;
            pairs.removeIf(p -> p.name().equals(pair.name()) && (!byType || p.type() == pair.type()));
        }
        pairs.add(pair);
    }

    private static NvType type(int code, String name) throws NvListFormatException {
        NvType t = NvType.ofCode(code);
        if (t == null) {
            throw new NvListFormatException("nvpair '" + name + "' has unknown type code " + code);
        }
        return t;
    }

    /** {@code i_validate_type_nelem}: presence booleans have 0 elements, scalars exactly 1, arrays any. */
    private static void checkNelem(NvType type, int nelem, String name) throws NvListFormatException {
        boolean ok = type == NvType.BOOLEAN ? nelem == 0 : type.isArray() ? nelem >= 0 : nelem == 1;
        if (!ok) {
            throw new NvListFormatException("nvpair '" + name + "' of type " + type + " has " + nelem
                    + " elements");
        }
        if (nelem > 1 << 24) {
            throw new NvListFormatException("nvpair '" + name + "' claims " + nelem + " elements");
        }
    }

    private static Boolean bool(int v, String name) throws NvListFormatException {
        if (v != 0 && v != 1) {
            throw new NvListFormatException("boolean '" + name + "' has value " + v);
        }
        return v == 1;
    }

    /** A NUL-terminated string that must end before {@code limit}. */
    private String cString(int from, int limit, String what) throws NvListFormatException {
        for (int i = from; i < limit && i < end; i++) {
            if (buf.get(i) == 0) {
                byte[] b = new byte[i - from];
                buf.get(from, b);
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw new NvListFormatException(what + " at offset " + from + " is not NUL-terminated");
    }

    private void need(int pos, long n, String what) throws NvListFormatException {
        if (pos < 0 || n < 0 || pos + n > end) {
            throw new NvListFormatException("truncated nvlist: " + what + " at offset " + pos + " needs " + n
                    + " bytes, " + Math.max(0, end - pos) + " left");
        }
    }

    static long align8(long x) {
        return (x + 7) & ~7L;
    }

    static int align8(int x) {
        return (x + 7) & ~7;
    }

    static long align4(long x) {
        return (x + 3) & ~3L;
    }

    static int align4(int x) {
        return (x + 3) & ~3;
    }
}
