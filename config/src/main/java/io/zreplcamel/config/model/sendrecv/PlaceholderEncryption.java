package io.zreplcamel.config.model.sendrecv;

/** {@code recv.placeholder.encryption}: how placeholder filesystems are created on the receiver. */
public enum PlaceholderEncryption {
    /** Not configured: creating a placeholder fails (except the client-identity dataset, created with inherit). */
    UNSPECIFIED("unspecified"),
    /** No {@code -o encryption}: placeholders inherit encryption from their parent. */
    INHERIT("inherit"),
    /** {@code -o encryption=off}. */
    OFF("off");

    private final String configName;

    PlaceholderEncryption(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
