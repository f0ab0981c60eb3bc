package io.zreplcamel.zfs.nvlist;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test-only encoder producing packed nvlists the way {@code nvlist_pack} does (native in either byte order, or
 * XDR), written independently of the decoder from the layout described in OpenZFS's nvpair.c, so decoder tests can
 * build any input including edge cases.
 */
public final class NvListEncoder {

    private NvListEncoder() {
    }

    public static byte[] native_(NvList list, ByteOrder order) {
        Out out = new Out(order);
        out.bytes(new byte[] {0, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 0), 0, 0});
        out.i32(list.version());
        out.i32(list.flags());
        nativePairs(out, list);
        return out.toByteArray();
    }

    public static byte[] xdr(NvList list) {
        Out out = new Out(ByteOrder.BIG_ENDIAN);
        out.bytes(new byte[] {1, 1, 0, 0});
        out.i32(list.version());
        out.i32(list.flags());
        xdrPairs(out, list);
        return out.toByteArray();
    }

    private static void nativePairs(Out out, NvList list) {
        for (NvPair p : list.pairs()) {
            byte[] name = (p.name() + "\0").getBytes(StandardCharsets.UTF_8);
            byte[] value = nativeValue(p, out.order);
            int size = align8(16 + name.length) + align8(value.length);
            out.i32(size);
            out.i16(name.length);
            out.i16(0);
            out.i32(nelem(p));
            out.i32(p.type().code());
            out.bytes(name);
            out.pad(align8(16 + name.length) - 16 - name.length);
            out.bytes(value);
            out.pad(align8(value.length) - value.length);
            if (p.value() instanceof NvList nested) {
                nativePairs(out, nested);
            } else if (p.type() == NvType.NVLIST_ARRAY) {
                for (Object o : (List<?>) p.value()) {
                    nativePairs(out, (NvList) o);
                }
            }
        }
        out.i32(0);
    }

    private static byte[] nativeValue(NvPair p, ByteOrder order) {
        Out v = new Out(order);
        Object o = p.value();
        switch (p.type()) {
            case BOOLEAN -> { }
            case BOOLEAN_VALUE -> v.i32(((Boolean) o) ? 1 : 0);
            case BYTE, INT8, UINT8 -> v.bytes(new byte[] {(byte) (long) (Long) o});
            case INT16, UINT16 -> v.i16((int) (long) (Long) o);
            case INT32, UINT32 -> v.i32((int) (long) (Long) o);
            case INT64, UINT64, HRTIME -> v.i64((Long) o);
            case DOUBLE -> v.i64(Double.doubleToLongBits((Double) o));
            case STRING -> v.bytes(((String) o + "\0").getBytes(StandardCharsets.UTF_8));
            case BYTE_ARRAY -> v.bytes((byte[]) o);
            case BOOLEAN_ARRAY -> {
                for (boolean b : (boolean[]) o) {
                    v.i32(b ? 1 : 0);
                }
            }
            case INT8_ARRAY, UINT8_ARRAY -> {
                for (long x : (long[]) o) {
                    v.bytes(new byte[] {(byte) x});
                }
            }
            case INT16_ARRAY, UINT16_ARRAY -> {
                for (long x : (long[]) o) {
                    v.i16((int) x);
                }
            }
            case INT32_ARRAY, UINT32_ARRAY -> {
                for (long x : (long[]) o) {
                    v.i32((int) x);
                }
            }
            case INT64_ARRAY, UINT64_ARRAY -> {
                for (long x : (long[]) o) {
                    v.i64(x);
                }
            }
            case STRING_ARRAY -> {
                String[] a = (String[]) o;
                v.pad(8 * a.length);
                for (String s : a) {
                    v.bytes((s + "\0").getBytes(StandardCharsets.UTF_8));
                }
            }
            case NVLIST -> nvlistStruct(v, ((NvList) o).flags());
            case NVLIST_ARRAY -> {
                List<?> l = (List<?>) o;
                v.pad(8 * l.size());
                for (Object x : l) {
                    nvlistStruct(v, ((NvList) x).flags());
                }
            }
            default -> throw new IllegalArgumentException(p.type().toString());
        }
        return v.toByteArray();
    }

    private static void nvlistStruct(Out v, int flags) {
        v.i32(0);
        v.i32(flags);
        v.i64(0);
        v.i32(0);
        v.i32(0);
    }

    private static void xdrPairs(Out out, NvList list) {
        for (NvPair p : list.pairs()) {
            Out body = new Out(ByteOrder.BIG_ENDIAN);
            xdrString(body, p.name());
            body.i32(p.type().code());
            body.i32(nelem(p));
            xdrValue(body, p);
            byte[] b = body.toByteArray();
            out.i32(8 + b.length);
            // decoded (native) size; the decoder only needs it non-zero
            out.i32(native_(NvList.of(p), ByteOrder.LITTLE_ENDIAN).length);
            out.bytes(b);
        }
        out.i32(0);
        out.i32(0);
    }

    private static void xdrValue(Out v, NvPair p) {
        Object o = p.value();
        switch (p.type()) {
            case BOOLEAN -> { }
            case BOOLEAN_VALUE -> v.i32(((Boolean) o) ? 1 : 0);
            case BYTE, INT8, UINT8, INT16, UINT16, INT32, UINT32 -> v.i32((int) (long) (Long) o);
            case INT64, UINT64, HRTIME -> v.i64((Long) o);
            case DOUBLE -> v.i64(Double.doubleToLongBits((Double) o));
            case STRING -> xdrString(v, (String) o);
            case BYTE_ARRAY -> {
                byte[] b = (byte[]) o;
                v.bytes(b);
                v.pad(align4(b.length) - b.length);
            }
            case BOOLEAN_ARRAY -> {
                boolean[] a = (boolean[]) o;
                if (a.length > 0) {
                    v.i32(a.length);
                }
                for (boolean b : a) {
                    v.i32(b ? 1 : 0);
                }
            }
            case INT8_ARRAY, UINT8_ARRAY, INT16_ARRAY, UINT16_ARRAY, INT32_ARRAY, UINT32_ARRAY -> {
                long[] a = (long[]) o;
                if (a.length > 0) {
                    v.i32(a.length);
                }
                for (long x : a) {
                    v.i32((int) x);
                }
            }
            case INT64_ARRAY, UINT64_ARRAY -> {
                long[] a = (long[]) o;
                if (a.length > 0) {
                    v.i32(a.length);
                }
                for (long x : a) {
                    v.i64(x);
                }
            }
            case STRING_ARRAY -> {
                for (String s : (String[]) o) {
                    xdrString(v, s);
                }
            }
            case NVLIST -> {
                NvList l = (NvList) o;
                v.i32(0);
                v.i32(l.flags());
                xdrPairs(v, l);
            }
            case NVLIST_ARRAY -> {
                for (Object x : (List<?>) o) {
                    NvList l = (NvList) x;
                    v.i32(0);
                    v.i32(l.flags());
                    xdrPairs(v, l);
                }
            }
            default -> throw new IllegalArgumentException(p.type().toString());
        }
    }

    private static void xdrString(Out v, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.i32(b.length);
        v.bytes(b);
        v.pad(align4(b.length) - b.length);
    }

    private static int nelem(NvPair p) {
        Object o = p.value();
        if (p.type() == NvType.BOOLEAN) {
            return 0;
        }
        if (o instanceof long[] a) {
            return a.length;
        }
        if (o instanceof boolean[] a) {
            return a.length;
        }
        if (o instanceof byte[] a) {
            return a.length;
        }
        if (o instanceof String[] a) {
            return a.length;
        }
        if (o instanceof List<?> l) {
            return l.size();
        }
        return 1;
    }

    static int align8(int x) {
        return (x + 7) & ~7;
    }

    static int align4(int x) {
        return (x + 3) & ~3;
    }

    private static final class Out {
        final ByteOrder order;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out(ByteOrder order) {
            this.order = order;
        }

        void bytes(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        void pad(int n) {
            bytes(new byte[n]);
        }

        void i16(int x) {
            bytes(ByteBuffer.allocate(2).order(order).putShort((short) x).array());
        }

        void i32(int x) {
            bytes(ByteBuffer.allocate(4).order(order).putInt(x).array());
        }

        void i64(long x) {
            bytes(ByteBuffer.allocate(8).order(order).putLong(x).array());
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
