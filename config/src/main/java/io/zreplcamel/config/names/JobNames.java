package io.zreplcamel.config.names;

import java.util.Optional;

/**
 * Rules for job names (zrepl's JobID). A job name ends up in ZFS bookmark names and hold tags
 * ({@code zrepl_CURSORTENTATIVE__G_<guid>_J_<job>}, {@code zrepl_STEP_J_<job>}, {@code zrepl_last_received_J_<job>}),
 * so renaming a job later breaks incremental replication.
 */
public final class JobNames {

    /** The longest tentative-cursor bookmark prefix zrepl checks a job name against (for dataset {@code pool/ds}). */
    private static final String LONGEST_PREFIX = "pool/ds#zrepl_CURSORTENTATIVE__G_00000000face601d_J_";

    /** Longest job name that still fits every bookmark name and hold tag built from it. */
    public static final int MAX_LENGTH = ZfsNames.MAX_NAME_LENGTH - LONGEST_PREFIX.length();

    private JobNames() {
    }

    /** Why {@code name} cannot be a job name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("job name must not be empty");
        }
        if (name.startsWith("_")) {
            return Optional.of("job name \"" + name + "\" is reserved for internal use (starts with _)");
        }
        Optional<String> component = ZfsNames.componentProblem(name);
        if (component.isPresent()) {
            return Optional.of("job name \"" + name + "\" must be usable as a ZFS name component: "
                    + component.get());
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("job name \"" + name + "\" is too long: at most " + MAX_LENGTH
                    + " characters fit into zrepl's bookmark names and hold tags");
        }
        return Optional.empty();
    }
}
