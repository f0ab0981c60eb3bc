package io.zreplcamel.config.model.sendrecv;

/**
 * {@code send}: flags of {@code zfs send} ({@code -w -p -b -L -c -e -S}) and the sender's bandwidth limit.
 * {@code encrypted} also enforces the encryption policy (only encrypted datasets, sent raw).
 */
public record SendOptions(boolean encrypted, boolean raw, boolean sendProperties, boolean backupProperties,
                          boolean largeBlocks, boolean compressed, boolean embeddedData, boolean saved,
                          BandwidthLimit bandwidthLimit) {

    public static final SendOptions DEFAULTS =
            new SendOptions(false, false, false, false, false, false, false, false, BandwidthLimit.UNLIMITED);
}
