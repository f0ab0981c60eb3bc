package io.zreplcamel.zfs.feature;

import java.util.EnumSet;
import java.util.Set;

/** The features one {@code zfs} binary supports. */
public record ZfsFeatures(Set<ZfsFeature> supported) {

    public ZfsFeatures {
        supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
    }

    public boolean has(ZfsFeature f) {
        return supported.contains(f);
    }

    /** Reads the features from the usage text ({@code zfs} without arguments, or {@code zfs -?}). */
    public static ZfsFeatures fromUsage(String usage) {
        EnumSet<ZfsFeature> set = EnumSet.noneOf(ZfsFeature.class);
        for (ZfsFeature f : ZfsFeature.values()) {
            if (usage.contains(f.usageMarker())) {
                set.add(f);
            }
        }
        // Encryption needs both the verb and the key location option, as zrepl checks.
        if (set.contains(ZfsFeature.ENCRYPTION) && !usage.contains("keylocation")) {
            set.remove(ZfsFeature.ENCRYPTION);
        }
        return new ZfsFeatures(set);
    }
}
