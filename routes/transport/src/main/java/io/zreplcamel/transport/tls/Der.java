package io.zreplcamel.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER (ITU-T X.690) to turn the traditional OpenSSL key formats into PKCS#8, which is all Java reads:
 * reading tag-length-value items with definite lengths, writing them, and object identifiers. Anything outside
 * what a key file holds (indefinite lengths, multi-byte tags) is rejected as malformed.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} EXPLICIT, constructed: SEC1's curve parameters. */
    static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    /** A malformed DER structure; the message says where. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /** One item: its tag and its content octets. */
    record Item(int tag, byte[] content) {
        Reader children() {
            return new Reader(content);
        }
    }

    /** Reads consecutive items from a byte array. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        boolean hasMore() {
            return pos < buf.length;
        }

        Item next() throws MalformedException {
            if (pos >= buf.length) {
                throw new MalformedException("the structure ends where another item was expected");
            }
            int tag = buf[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new MalformedException("multi-byte tag at offset " + (pos - 1));
            }
            if (pos >= buf.length) {
                throw new MalformedException("no length after the tag at offset " + (pos - 1));
            }
            int first = buf[pos++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 4) {
                    throw new MalformedException("unsupported length encoding at offset " + (pos - 1));
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    if (pos >= buf.length) {
                        throw new MalformedException("length cut short at offset " + pos);
                    }
                    length = length << 8 | (buf[pos++] & 0xff);
                }
            }
            if (length > buf.length - pos) {
                throw new MalformedException("an item of " + length + " bytes at offset " + pos + " runs past the end ("
                        + (buf.length - pos) + " bytes left)");
            }
            byte[] content = Arrays.copyOfRange(buf, pos, pos + (int) length);
            pos += (int) length;
            return new Item(tag, content);
        }

        /** The next item, which must have {@code tag}; {@code what} names it in the error. */
        Item next(int tag, String what) throws MalformedException {
            Item item = next();
            if (item.tag() != tag) {
                throw new MalformedException(what + ": expected tag 0x" + Integer.toHexString(tag) + ", found 0x"
                        + Integer.toHexString(item.tag()));
            }
            return item;
        }
    }

    /** Parses one item that must fill {@code der} exactly. */
    static Item single(byte[] der) throws MalformedException {
        Reader r = new Reader(der);
        Item item = r.next();
        if (r.hasMore()) {
            throw new MalformedException("trailing bytes after the structure");
        }
        return item;
    }

    static byte[] encode(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** The full encoding (tag, length, content) of an item. */
    static byte[] encode(Item item) {
        return encode(item.tag(), item.content());
    }

    /** An object identifier's content octets as dotted text ({@code 1.2.840.10045.2.1}). */
    static String oidText(byte[] content) throws MalformedException {
        if (content.length == 0) {
            throw new MalformedException("empty object identifier");
        }
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (int i = 0; i < content.length; i++) {
            int b = content[i] & 0xff;
            if (value == 0 && b == 0x80) {
                throw new MalformedException("object identifier with a non-minimal sub-identifier");
            }
            value = value << 7 | (b & 0x7f);
            if (value > (1L << 56)) {
                throw new MalformedException("object identifier sub-identifier too large");
            }
            if ((b & 0x80) == 0) {
                if (first) {
                    long top = value < 40 ? 0 : value < 80 ? 1 : 2;
                    sb.append(top).append('.').append(value - 40 * top);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            } else if (i == content.length - 1) {
                throw new MalformedException("object identifier cut short");
            }
        }
        return sb.toString();
    }

    /** The content octets of an object identifier given as dotted text. */
    static byte[] oidContent(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            writeBase128(out, Long.parseLong(parts[i]));
        }
        return out.toByteArray();
    }

    private static void writeBase128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int b = (int) (value >>> (7 * g)) & 0x7f;
            out.write(g == 0 ? b : b | 0x80);
        }
    }
}
