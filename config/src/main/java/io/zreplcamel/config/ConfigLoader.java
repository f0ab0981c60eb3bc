package io.zreplcamel.config;

import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.global.Global;
import io.zreplcamel.config.parse.ConfigFileReader;
import io.zreplcamel.config.parse.ConfigFileReader.FileContent;
import io.zreplcamel.config.parse.ConfigFileReader.IncludeEntry;
import io.zreplcamel.config.parse.CrossJobChecks;
import io.zreplcamel.config.parse.ParsedJob;
import io.zreplcamel.config.yaml.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads a zrepl.yml: parses the main file strictly, reads included files, builds every job and checks the whole.
 * Either returns a complete, valid {@link ZreplConfig} or throws a {@link ConfigException} listing every problem
 * found ({@code file:line:column: message}).
 *
 * <p>{@code include} entries are files ending in {@code .yml} or directories (their {@code *.yml} files, by name).
 * Relative entries are resolved against the directory of the file that includes them; zrepl resolves them against
 * its working directory when the main config path is absolute, which with the default {@code /etc/zrepl/zrepl.yml}
 * and systemd's working directory {@code /} rarely finds anything. Included files contribute jobs only.
 */
public final class ConfigLoader {

    /** Where zrepl looks when no {@code --config} is given, in order. */
    public static final List<Path> DEFAULT_LOCATIONS =
            List.of(Path.of("/etc/zrepl/zrepl.yml"), Path.of("/usr/local/etc/zrepl/zrepl.yml"));

    private ConfigLoader() {
    }

    public static ZreplConfig load(Path file) throws ConfigException {
        return load(file, LoadOptions.DEFAULTS);
    }

    public static ZreplConfig load(Path file, LoadOptions options) throws ConfigException {
        Problems problems = new Problems();
        List<Path> files = new ArrayList<>();
        files.add(file);
        FileContent main = ConfigFileReader.read(file, options, problems);
        List<ParsedJob> jobs = new ArrayList<>(main.jobs());
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        for (IncludeEntry include : main.includes()) {
            for (Path included : expandInclude(file, baseDir, include, problems)) {
                files.add(included);
                FileContent content = ConfigFileReader.read(included, options, problems);
                if (content.includeKeyNode() != null) {
                    problems.error(included, content.includeKeyNode(),
                            "included configuration files must not include other files");
                }
                if (content.globalNode() != null) {
                    problems.warning(included, content.globalNode(), "global: ignored in an included file (only"
                            + " jobs are taken from included files; put global settings in " + file + ")");
                }
                jobs.addAll(content.jobs());
            }
        }
        CrossJobChecks.check(jobs, problems);
        if (problems.errorCount() > 0) {
            throw new ConfigException(problems.errors());
        }
        Global global = main.global() != null ? main.global() : Global.DEFAULTS;
        List<Job> built = jobs.stream().map(ParsedJob::job).toList();
        return new ZreplConfig(global, built, files, problems.warnings());
    }

    /**
     * The first of {@link #DEFAULT_LOCATIONS} that exists. Throws {@link ConfigException} when none exists or one
     * exists but is not a regular file.
     */
    public static Path defaultLocation() throws ConfigException {
        for (Path p : DEFAULT_LOCATIONS) {
            if (Files.exists(p)) {
                if (!Files.isRegularFile(p)) {
                    throw new ConfigException(List.of(new ConfigError(p, 0, 0,
                            "file at default location is not a regular file")));
                }
                return p;
            }
        }
        throw new ConfigException(List.of(new ConfigError(DEFAULT_LOCATIONS.get(0), 0, 0,
                "no such file (nor " + DEFAULT_LOCATIONS.get(1) + "); give the config with --config FILE")));
    }

    private static List<Path> expandInclude(Path includingFile, Path baseDir, IncludeEntry include,
                                            Problems problems) {
        Path target = Path.of(include.path());
        Path resolved = target.isAbsolute() ? target : baseDir.resolve(target).normalize();
        String shown = "include \"" + include.path() + "\"" + (target.isAbsolute() ? "" : " (" + resolved + ")");
        if (Files.isDirectory(resolved)) {
            try (Stream<Path> entries = Files.list(resolved)) {
                return entries.filter(p -> p.getFileName().toString().endsWith(".yml"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                problems.error(includingFile, include.node(), shown + ": cannot list directory: " + e);
                return List.of();
            }
        }
        if (Files.isRegularFile(resolved)) {
            if (!resolved.getFileName().toString().endsWith(".yml")) {
                problems.error(includingFile, include.node(), shown + ": included config files must end with"
                        + " `.yml`");
                return List.of();
            }
            return List.of(resolved);
        }
        problems.error(includingFile, include.node(), shown + (Files.exists(resolved)
                ? ": not a file or directory" : ": no such file or directory"));
        return List.of();
    }
}
