package io.zreplcamel.zfs.nvlist;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One decoded name/value pair. Value representation by type: integers of every width as {@link Long} (unsigned
 * types hold their raw bits: a uint64 above 2^63 is negative, print it with {@link Long#toUnsignedString}),
 * integer arrays as {@code long[]}, {@code BOOLEAN} (presence only) and {@code BOOLEAN_VALUE} as {@link Boolean},
 * {@code BOOLEAN_ARRAY} as {@code boolean[]}, strings as {@link String}, string arrays as {@code String[]},
 * {@code BYTE_ARRAY} as {@code byte[]}, {@code DOUBLE} as {@link Double}, nested lists as {@link NvList} /
 * {@code List<NvList>}.
 */
public record NvPair(String name, NvType type, Object value) {

    public NvPair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NvPair p && name.equals(p.name) && type == p.type
                && Objects.deepEquals(value, p.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.deepHashCode(new Object[] {value}));
    }

    @Override
    public String toString() {
        Object v = value;
        if (v instanceof long[] a) {
            v = Arrays.toString(a);
        } else if (v instanceof String[] a) {
            v = Arrays.toString(a);
        } else if (v instanceof boolean[] a) {
            v = Arrays.toString(a);
        } else if (v instanceof byte[] a) {
            v = Arrays.toString(a);
        } else if (v instanceof List<?> l) {
            v = l.toString();
        }
        return name + "=" + v + " (" + type + ")";
    }
}
