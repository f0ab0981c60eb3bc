package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.filter.FilterDecision;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SendingJob;
import io.zreplcamel.config.model.SnapshottingJob;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.values.GoDuration;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.cmd.ZfsCommandRunner;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test filesystems}: which datasets a job's {@code filesystems} filter takes, and which pattern
 * decided. Datasets come from {@code --input}, {@code --datasets-from} or (neither given) {@code zfs list}. Prints
 * {@code ACCEPT|REJECT|ERROR <tab> dataset <tab> rule-or-reason} like zrepl; without {@code --all} only accepted
 * datasets (and errors) are printed.
 */
@Command(name = "filesystems", mixinStandardHelpOptions = true,
        description = {"Show which datasets a job's filesystems filter takes and which rule decided.",
                "Text: ACCEPT|REJECT|ERROR<TAB>dataset<TAB>rule ('-' when no rule matched).",
                "JSON: [{\"dataset\", \"accepted\", \"rule\"}] (rule null when nothing matched)."})
public final class TestFilesystemsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the config file (default: zrepl's locations)")
    Path config;

    @Option(names = "--job", required = true, paramLabel = "NAME",
            description = "a snap, push or source job (the kinds with a filesystems filter)")
    String job;

    @Option(names = "--all", description = "also print rejected datasets (zrepl prints both)")
    boolean all;

    @Option(names = "--input", paramLabel = "DATASET", description = "evaluate this dataset (repeatable)")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--datasets-from", paramLabel = "FILE",
            description = "one dataset name per line ('-' for standard input) instead of zfs list")
    Path datasetsFrom;

    @Option(names = "--zfs-command", paramLabel = "PATH", defaultValue = "zfs",
            description = "the zfs binary for listing the datasets (default: zfs from PATH)")
    String zfsCommand;

    @Option(names = "--zfs-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "limit for the whole zfs list, as a Go duration (default: 60s)")
    String zfsTimeout;

    @Option(names = "--json", description = "print a JSON list instead of text")
    boolean json;

    @Option(names = "--skip-cert-check", description = "do not open TLS certificate and key files")
    boolean skipCertCheck;

    /** One evaluated dataset. */
    record Verdict(String dataset, boolean accepted, Optional<String> rule, Optional<String> error) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZreplConfig loaded;
        try {
            loaded = ConfigLoader.load(ConfigcheckCommand.configOrDefault(config), Implemented.lenient(skipCertCheck));
        } catch (ConfigException e) {
            ConfigcheckCommand.printErrors(err, e.errors());
            return ZreplCamelCli.EXIT_USAGE;
        }
        ConfigcheckCommand.printWarnings(err, loaded);
        Optional<Job> found = loaded.job(job);
        if (found.isEmpty()) {
            err.println("zrepl-camel test filesystems: job \"" + job + "\" is not defined in the config (jobs: "
                    + String.join(", ", loaded.jobs().stream().map(Job::name).toList()) + ")");
            return ZreplCamelCli.EXIT_USAGE;
        }
        Optional<FilesystemFilter> filter = filterOf(found.get());
        if (filter.isEmpty()) {
            err.println("zrepl-camel test filesystems: job \"" + job + "\" is a " + found.get().type()
                    + " job, which has no filesystems filter (use a snap, push or source job)");
            return ZreplCamelCli.EXIT_USAGE;
        }
        List<String> datasets;
        try {
            datasets = datasets();
        } catch (UsageError e) {
            err.println("zrepl-camel test filesystems: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        } catch (IOException e) {
            err.println("zrepl-camel test filesystems: " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        }
        List<Verdict> verdicts = datasets.stream().map(d -> evaluate(filter.get(), d))
                .filter(v -> all || v.accepted() || v.error().isPresent())
                .toList();
        if (json) {
            out.println(Json.pretty(verdicts.stream().<Object>map(TestFilesystemsCommand::toJson).toList()));
        } else {
            for (Verdict v : verdicts) {
                String verdict = v.error().isPresent() ? "ERROR" : v.accepted() ? "ACCEPT" : "REJECT";
                out.println(verdict + "\t" + v.dataset() + "\t" + v.error().or(v::rule).orElse("-"));
            }
        }
        out.flush();
        boolean anyError = verdicts.stream().anyMatch(v -> v.error().isPresent());
        return anyError ? ZreplCamelCli.EXIT_USAGE : ZreplCamelCli.EXIT_OK;
    }

    static Optional<FilesystemFilter> filterOf(Job job) {
        if (job instanceof SnapshottingJob s) {
            return Optional.of(s.filesystems());
        }
        if (job instanceof SendingJob s) {
            return Optional.of(s.filesystems());
        }
        return Optional.empty();
    }

    static Verdict evaluate(FilesystemFilter filter, String dataset) {
        Optional<String> problem = dataset.isEmpty() ? Optional.of("empty dataset name")
                : ZfsNames.datasetPathProblem(dataset);
        if (problem.isPresent()) {
            return new Verdict(dataset, false, Optional.empty(), Optional.of("invalid dataset name: "
                    + problem.get()));
        }
        FilterDecision d = filter.evaluate(dataset);
        return new Verdict(dataset, d.accepted(), d.rule(), Optional.empty());
    }

    private static Map<String, Object> toJson(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", v.dataset());
        m.put("accepted", v.accepted());
        m.put("rule", v.rule().orElse(null));
        v.error().ifPresent(e -> m.put("error", e));
        return m;
    }

    private List<String> datasets() throws IOException, UsageError {
        if (!inputs.isEmpty() || datasetsFrom != null) {
            List<String> names = new ArrayList<>(inputs);
            if (datasetsFrom != null) {
                List<String> lines = datasetsFrom.toString().equals("-")
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()
                        : readLines(datasetsFrom);
                lines.stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
            }
            return names;
        }
        return zfsList();
    }

    private static List<String> readLines(Path file) throws UsageError, IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageError("--datasets-from " + file + ": no such file");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /**
     * {@code zfs list -H -p -o name -t filesystem,volume}: all datasets of all imported pools, through the zfs
     * layer's runner (both pipes drained at once, the timeout counted from the start, output that was not read to
     * its end is an error).
     */
    private List<String> zfsList() throws IOException, UsageError {
        Duration timeout;
        try {
            timeout = GoDuration.parsePositive(zfsTimeout);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--zfs-timeout " + zfsTimeout + ": " + e.getMessage());
        }
        io.zreplcamel.zfs.cmd.Command list = io.zreplcamel.zfs.cmd.Command.zfs("list", "-H", "-p", "-o", "name",
                "-t", "filesystem,volume").withTimeout(timeout);
        try (ZfsCommandRunner runner = new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfsCommand))) {
            return runner.run(list).stdoutLines().stream().filter(l -> !l.isBlank()).toList();
        } catch (CommandStartException e) {
            throw new IOException(e.getMessage() + " (give the datasets with --datasets-from FILE or --input NAME)",
                    e);
        } catch (ZfsException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Bad input (message for stderr, exit 2). */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }
}
