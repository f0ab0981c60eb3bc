package io.zreplcamel.zfs.model;

import java.util.Objects;

/** One line of {@code zfs get -H -p -o name,property,value,source}. */
public record PropertyValue(String dataset, String property, String value, PropertySource source) {

    public PropertyValue {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** False for a user property that is not set (zfs prints value {@code -} with source {@code -}). */
    public boolean isSet() {
        return !(value.equals("-") && source.kind() == PropertySource.Kind.NONE);
    }
}
