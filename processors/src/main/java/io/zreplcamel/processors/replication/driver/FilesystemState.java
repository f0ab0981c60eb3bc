package io.zreplcamel.processors.replication.driver;

/** Where one filesystem is in an attempt. */
public enum FilesystemState {
    /** Listed, not planned yet (or its sizes are being estimated). */
    PLANNING("planning"),
    /** Planned; waiting for its parent's initial replication or for a step slot. */
    WAITING("waiting"),
    /** A step of it is running. */
    STEPPING("stepping"),
    /** Every planned step is done (or there was nothing to do). */
    DONE("done"),
    /** Planning, size estimation or a step failed; {@link FilesystemReport#error()} says why. */
    FAILED("failed"),
    /** Not replicated in this attempt because of another filesystem (a failed parent). */
    SKIPPED("skipped");

    private final String jsonName;

    FilesystemState(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean terminal() {
        return this == DONE || this == FAILED || this == SKIPPED;
    }
}
