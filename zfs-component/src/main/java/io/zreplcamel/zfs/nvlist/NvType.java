package io.zreplcamel.zfs.nvlist;

/**
 * {@code data_type_t} of OpenZFS's {@code sys/nvpair.h}; the ordinal codes are part of the packed format.
 */
public enum NvType {
    BOOLEAN(1, 0),
    BYTE(2, 1),
    INT16(3, 2),
    UINT16(4, 2),
    INT32(5, 4),
    UINT32(6, 4),
    INT64(7, 8),
    UINT64(8, 8),
    STRING(9, 0),
    BYTE_ARRAY(10, 1),
    INT16_ARRAY(11, 2),
    UINT16_ARRAY(12, 2),
    INT32_ARRAY(13, 4),
    UINT32_ARRAY(14, 4),
    INT64_ARRAY(15, 8),
    UINT64_ARRAY(16, 8),
    STRING_ARRAY(17, 0),
    HRTIME(18, 8),
    NVLIST(19, 0),
    NVLIST_ARRAY(20, 0),
    BOOLEAN_VALUE(21, 4),
    INT8(22, 1),
    UINT8(23, 1),
    BOOLEAN_ARRAY(24, 4),
    INT8_ARRAY(25, 1),
    UINT8_ARRAY(26, 1),
    DOUBLE(27, 8);

    private final int code;
    private final int elementSize;

    NvType(int code, int elementSize) {
        this.code = code;
        this.elementSize = elementSize;
    }

    /** The on-disk/on-wire type code. */
    public int code() {
        return code;
    }

    /** Native size of one element (scalar or array element); 0 for strings, nvlists and presence-only booleans. */
    public int elementSize() {
        return elementSize;
    }

    public boolean isArray() {
        return switch (this) {
            case BYTE_ARRAY, INT16_ARRAY, UINT16_ARRAY, INT32_ARRAY, UINT32_ARRAY, INT64_ARRAY, UINT64_ARRAY,
                    STRING_ARRAY, NVLIST_ARRAY, BOOLEAN_ARRAY, INT8_ARRAY, UINT8_ARRAY -> true;
            default -> false;
        };
    }

    public static NvType ofCode(int code) {
        for (NvType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
