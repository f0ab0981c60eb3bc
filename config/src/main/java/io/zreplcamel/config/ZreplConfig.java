package io.zreplcamel.config;

import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.global.Global;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated config: the {@code global} section with defaults filled in, the jobs of the main file followed
 * by those of included files (in include order), the files read, and warnings (things zrepl accepts silently but
 * that have no effect, such as a {@code global} section in an included file).
 */
public record ZreplConfig(Global global, List<Job> jobs, List<Path> files, List<ConfigError> warnings) {

    public ZreplConfig {
        jobs = List.copyOf(jobs);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** The job called {@code name}, if any. */
    public Optional<Job> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }
}
