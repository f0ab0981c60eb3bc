package io.zreplcamel.config.model.sendrecv;

/** {@code replication.protection.initial|incremental}: what zrepl keeps so a step can resume or continue. */
public enum GuaranteeKind {
    /** Step holds on from/to: an interrupted step can always resume. */
    GUARANTEE_RESUMABILITY("guarantee_resumability"),
    /** Tentative cursor bookmarks: incremental replication stays possible, resumption may not. */
    GUARANTEE_INCREMENTAL("guarantee_incremental"),
    /** Nothing; also removes the replication cursor (zrepl's pruning then fails, see docs/config.md). */
    GUARANTEE_NOTHING("guarantee_nothing");

    private final String configName;

    GuaranteeKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
