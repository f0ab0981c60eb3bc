package io.zreplcamel.config;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the program loading a config does not implement (yet), so the loader can say so at the exact place in the
 * file instead of the program silently dropping it: a zrepl user migrating a config must never end up without
 * backups because a job kind was parsed and then not run.
 *
 * <p>Job types listed in {@code jobTypes} are reported as "job X: type T is not implemented yet", as errors when
 * {@code jobTypesAreErrors} (a daemon must refuse to start), else as warnings (a {@code test …} verb can still look
 * at the rest). Keys of the {@code global} section listed in {@code globalKeys} are reported as warnings with the
 * consequence given as the map's value ("not honoured: …"): ignoring them loses no data. Transport types (the
 * {@code type} of a job's {@code connect} or {@code serve}) listed in {@code transportTypes} are reported at that
 * {@code type} value like job types (errors when {@code jobTypesAreErrors}): a job whose peer cannot be reached would
 * not replicate. The parser itself stays zrepl's; {@link #NONE} reports nothing.
 */
public record Unimplemented(Set<String> jobTypes, boolean jobTypesAreErrors, Map<String, String> globalKeys,
                            Set<String> transportTypes) {

    public static final Unimplemented NONE = new Unimplemented(Set.of(), true, Map.of(), Set.of());

    public Unimplemented {
        jobTypes = Set.copyOf(Objects.requireNonNull(jobTypes, "jobTypes"));
        globalKeys = Map.copyOf(Objects.requireNonNull(globalKeys, "globalKeys"));
        transportTypes = Set.copyOf(Objects.requireNonNull(transportTypes, "transportTypes"));
    }

    /** Every transport implemented. */
    public Unimplemented(Set<String> jobTypes, boolean jobTypesAreErrors, Map<String, String> globalKeys) {
        this(jobTypes, jobTypesAreErrors, globalKeys, Set.of());
    }

    /** The same, with job and transport types reported as warnings instead of errors. */
    public Unimplemented jobTypesAsWarnings() {
        return new Unimplemented(jobTypes, false, globalKeys, transportTypes);
    }
}
