package io.zreplcamel.processors.replication.driver;

/** Where one attempt of a replication run is (zrepl's attempt states, named). */
public enum AttemptState {
    /** Listing filesystems and versions, planning, estimating sizes. */
    PLANNING("planning"),
    /** The attempt could not plan at all (listing failed); {@link AttemptReport#error()} says why. */
    PLANNING_ERROR("planning-error"),
    /** Steps are being executed. */
    STEPPING("stepping"),
    /** Finished, at least one filesystem failed or was skipped. */
    FILESYSTEM_ERROR("filesystem-error"),
    /** Finished, every filesystem done. */
    DONE("done");

    private final String jsonName;

    AttemptState(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean finished() {
        return this == PLANNING_ERROR || this == FILESYSTEM_ERROR || this == DONE;
    }
}
