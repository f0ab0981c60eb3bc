package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.app.transport.LocalListeners;
import io.zreplcamel.config.ConfigError;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.LoadOptions;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.view.EffectiveConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel configcheck}: load and validate the config (includes, every job, certificates) without touching
 * anything. Exit 0 when valid (silent unless {@code --what} or {@code --json} asks for output; warnings on stderr);
 * exit 2 with one {@code file:line:column: message} line per problem on stderr otherwise.
 */
@Command(name = "configcheck", mixinStandardHelpOptions = true,
        description = {"Check a zrepl.yml: parse it strictly, build every job, report every problem.",
                "Without --config: /etc/zrepl/zrepl.yml, then /usr/local/etc/zrepl/zrepl.yml."})
public final class ConfigcheckCommand implements Callable<Integer> {

    /** What {@code --what} selects. */
    enum What { all, parsed, jobs }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the config file (default: zrepl's locations)")
    Path config;

    @Option(names = "--what", paramLabel = "all|parsed|jobs",
            description = "print: all (files, global, jobs, warnings), parsed (global and jobs) or jobs;"
                    + " effective values with defaults filled in")
    What what;

    @Option(names = "--json", description = "print the selection as JSON (durations in seconds, sizes in bytes)")
    boolean json;

    @Option(names = "--skip-cert-check", description = "do not open TLS certificate and key files")
    boolean skipCertCheck;

    @Option(names = "--parse-only", description = "check zrepl's syntax only: what zrepl-camel does not run yet"
            + " (network transports) is a warning instead of an error (the daemon still refuses to start with it)")
    boolean parseOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZreplConfig loaded;
        try {
            loaded = ConfigLoader.load(configOrDefault(config), parseOnly ? Implemented.lenient(skipCertCheck) : Implemented.strict(skipCertCheck));
        } catch (ConfigException e) {
            printErrors(err, e.errors());
            return ZreplCamelCli.EXIT_USAGE;
        }
        printWarnings(err, loaded);
        // zrepl accepts two serves on one local listener (the loader warns, with the line); the daemon refuses to
        // start with it, so a config vouched for must not have it
        List<String> listenerConflicts = parseOnly ? List.of() : LocalListeners.conflicts(loaded);
        if (!listenerConflicts.isEmpty()) {
            listenerConflicts.forEach(c -> err.println(loaded.files().get(0) + ": " + c));
            return ZreplCamelCli.EXIT_USAGE;
        }
        if (what == null && !json) {
            return ZreplCamelCli.EXIT_OK;
        }
        Object selection = switch (what == null ? What.all : what) {
            case all -> EffectiveConfig.all(loaded);
            case parsed -> {
                Map<String, Object> parsed = new LinkedHashMap<>();
                parsed.put("global", EffectiveConfig.global(loaded.global()));
                parsed.put("jobs", EffectiveConfig.jobs(loaded));
                yield parsed;
            }
            case jobs -> EffectiveConfig.jobs(loaded);
        };
        out.println(json ? Json.pretty(selection) : Indented.render(selection));
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }

    /** {@code given}, or zrepl's default location; throws with a message when there is none. */
    static Path configOrDefault(Path given) throws ConfigException {
        return given != null ? given : ConfigLoader.defaultLocation();
    }

    /**
     * For the verbs that only read a setting of the config (its sockets): the config at {@code given} or the default
     * location, or, when it has errors, {@code "<verb>: the config has errors:"} and one line per error on {@code err}
     * (the caller exits 2).
     */
    static Optional<ZreplConfig> loadOrReport(Path given, LoadOptions options, String verb, PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(configOrDefault(given), options));
        } catch (ConfigException e) {
            err.println(verb + ": the config has errors:");
            printErrors(err, e.errors());
            return Optional.empty();
        }
    }

    static void printWarnings(PrintWriter err, ZreplConfig loaded) {
        for (ConfigError w : loaded.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
    }

    static void printErrors(PrintWriter err, List<ConfigError> errors) {
        for (ConfigError e : errors) {
            err.println(e);
        }
        err.flush();
    }
}
