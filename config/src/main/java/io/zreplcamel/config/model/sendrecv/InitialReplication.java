package io.zreplcamel.config.model.sendrecv;

/** {@code conflict_resolution.initial_replication}: what to send when the receiver has nothing yet. */
public enum InitialReplication {
    /** A single full send of the newest snapshot (by createtxg). */
    MOST_RECENT("most_recent"),
    /** A full send of the oldest snapshot, then incrementals through all others. */
    ALL("all"),
    /** Fail planning: "automatic conflict resolution for initial replication is disabled in config". */
    FAIL("fail");

    private final String configName;

    InitialReplication(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
