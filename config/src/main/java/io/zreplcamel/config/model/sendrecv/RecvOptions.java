package io.zreplcamel.config.model.sendrecv;

import java.util.List;
import java.util.Map;

/**
 * {@code recv}: properties to exclude ({@code -x}) and override ({@code -o}), the receiver's bandwidth limit, and
 * placeholder encryption. {@code overrideProperties} keeps config order.
 */
public record RecvOptions(List<String> inheritProperties, Map<String, String> overrideProperties,
                          BandwidthLimit bandwidthLimit, PlaceholderEncryption placeholderEncryption) {

    public static final RecvOptions DEFAULTS =
            new RecvOptions(List.of(), Map.of(), BandwidthLimit.UNLIMITED, PlaceholderEncryption.UNSPECIFIED);

    public RecvOptions {
        inheritProperties = List.copyOf(inheritProperties);
        overrideProperties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrideProperties));
    }
}
