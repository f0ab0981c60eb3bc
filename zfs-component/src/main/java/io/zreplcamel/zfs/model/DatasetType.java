package io.zreplcamel.zfs.model;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code type} property values {@code zfs list -t} understands. */
public enum DatasetType {
    FILESYSTEM,
    VOLUME,
    SNAPSHOT,
    BOOKMARK;

    /** The lower-case word zfs uses. */
    public String zfsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatasetType parse(String word) {
        for (DatasetType t : values()) {
            if (t.zfsName().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dataset type '" + word
                + "' (expected filesystem, volume, snapshot or bookmark)");
    }

    /** {@code filesystem,volume} etc. for {@code -t}. */
    public static String join(Collection<DatasetType> types) {
        return types.stream().sorted().map(DatasetType::zfsName).collect(Collectors.joining(","));
    }

    public boolean isVersion() {
        return this == SNAPSHOT || this == BOOKMARK;
    }
}
