package io.zreplcamel.app.cli;

import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.processors.endpoint.local.LocalAbstractions;
import io.zreplcamel.processors.replication.guarantee.Abstraction;
import io.zreplcamel.processors.replication.guarantee.AbstractionType;
import io.zreplcamel.processors.replication.guarantee.StaleAbstractions;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel zfs-abstraction list|release-stale|release-all} (spec §8.4, §14): the cursors, tentative
 * cursors, step holds and last-received holds zrepl (and zrepl-camel, same names) leave on the pools. Listing needs
 * no config. Releasing does, and only ever touches abstractions of jobs in that config (or the one {@code --job}
 * given to release-all): another daemon's job on the same pool keeps its protection.
 */
@Command(name = "zfs-abstraction", mixinStandardHelpOptions = true,
        description = "List or release zrepl's replication cursors, tentative cursors, step holds and last-received holds.",
        subcommands = {ZfsAbstractionCommand.ListCommand.class, ZfsAbstractionCommand.ReleaseStaleCommand.class,
                ZfsAbstractionCommand.ReleaseAllCommand.class})
public final class ZfsAbstractionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The query options shared by all three verbs. */
    static class Query {
        @Option(names = "--fs", paramLabel = "DATASET", description = "only this dataset and those below it")
        String fs;

        @Option(names = "--job", paramLabel = "JOB", description = "only abstractions of this job (v1 cursors have none)")
        String job;

        @Option(names = "--type", paramLabel = "TYPE", split = ",",
                description = "only these types: replication-cursor-bookmark-v2, replication-cursor-bookmark-v1, "
                        + "tentative-replication-cursor-bookmark-v2, step-hold, last-received-hold")
        List<String> types;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Option(names = "--zfs-command", paramLabel = "PATH", defaultValue = "zfs",
                description = "zfs binary (default: ${DEFAULT-VALUE} from PATH)")
        String zfsCommand;

        Set<AbstractionType> typeSet() throws TestPruneCommand.UsageError {
            if (types == null || types.isEmpty()) {
                return EnumSet.allOf(AbstractionType.class);
            }
            Set<AbstractionType> s = EnumSet.noneOf(AbstractionType.class);
            for (String t : types) {
                try {
                    s.add(AbstractionType.ofTypeName(t.strip()));
                } catch (IllegalArgumentException e) {
                    throw new TestPruneCommand.UsageError(e.getMessage());
                }
            }
            return s;
        }

        /** Everything on the pools (or below --fs) of the asked types and job. */
        List<Abstraction> list(Zfs zfs) throws TestPruneCommand.UsageError {
            Set<AbstractionType> ts = typeSet();
            List<Abstraction> all = new LocalAbstractions(() -> zfs).list(fs == null ? List.of() : List.of(fs), true);
            return all.stream().filter(a -> ts.contains(a.type()))
                    .filter(a -> job == null || a.jobId().isEmpty() || a.jobId().get().equals(job)).toList();
        }
    }

    static Map<String, Object> toJson(Abstraction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", a.type().typeName());
        m.put("filesystem", a.filesystem());
        m.put("name", a.fullVersionName());
        m.put("guid", Long.toUnsignedString(a.guid()));
        m.put("createtxg", a.createTxg());
        m.put("job", a.jobId().orElse(null));
        m.put("tag", a.holdTag().orElse(null));
        return m;
    }

    static String line(Abstraction a) {
        return a.type().typeName() + "\t" + a.fullVersionName() + "\t" + a.jobId().orElse("-")
                + a.holdTag().map(t -> "\ttag " + t).orElse("");
    }

    /** Runs {@code body} with a zfs layer, mapping errors to the CLI's exit codes. */
    interface Body {
        int run(Zfs zfs, PrintWriter out) throws TestPruneCommand.UsageError;
    }

    static int execute(CommandLine.Model.CommandSpec spec, String verb, String zfsCommand, Body body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Zfs zfs = new Zfs(RunnerSettings.defaults().withZfsBinary(zfsCommand))) {
            int code = body.run(zfs, out);
            out.flush();
            return code;
        } catch (TestPruneCommand.UsageError e) {
            err.println("zrepl-camel zfs-abstraction " + verb + ": " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        } catch (ZfsException e) {
            err.println("zrepl-camel zfs-abstraction " + verb + ": " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        } finally {
            err.flush();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List zrepl abstractions (no config needed): type, name, job[, hold tag].")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Query query = new Query();

        @Override
        public Integer call() {
            return execute(spec, "list", query.zfsCommand, (zfs, out) -> {
                List<Abstraction> found = query.list(zfs);
                if (query.json) {
                    out.println(Json.pretty(found.stream().map(ZfsAbstractionCommand::toJson).toList()));
                } else {
                    found.forEach(a -> out.println(line(a)));
                }
                return ZreplCamelCli.EXIT_OK;
            });
        }
    }

    /** Shared by release-stale and release-all: which abstractions, then release or print them. */
    abstract static class Release implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Query query = new Query();

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "zrepl.yml: only abstractions of its jobs are released")
        Path config;

        @Option(names = "--dry-run", description = "print what would be released, release nothing")
        boolean dryRun;

        abstract String verb();

        abstract List<Abstraction> select(List<Abstraction> listed, Set<String> configuredJobs)
                throws TestPruneCommand.UsageError;

        @Override
        public Integer call() {
            return execute(spec, verb(), query.zfsCommand, (zfs, out) -> {
                ZreplConfig cfg = TestPruneCommand.loadConfig(config);
                Set<String> jobs = new TreeSet<>(cfg.jobs().stream().map(Job::name).toList());
                List<Abstraction> chosen = select(query.list(zfs), jobs);
                Map<String, String> failed = dryRun ? Map.of() : new LocalAbstractions(() -> zfs).remove(chosen);
                List<Object> json = new ArrayList<>();
                for (Abstraction a : chosen) {
                    String outcome = dryRun ? "would release" : failed.containsKey(a.describe())
                            ? "failed: " + failed.get(a.describe()) : "released";
                    if (query.json) {
                        Map<String, Object> m = toJson(a);
                        m.put("outcome", outcome);
                        json.add(m);
                    } else {
                        out.println(outcome + "\t" + line(a));
                    }
                }
                if (query.json) {
                    out.println(Json.pretty(json));
                } else if (chosen.isEmpty()) {
                    out.println("nothing to release");
                }
                return failed.isEmpty() ? ZreplCamelCli.EXIT_OK : ZreplCamelCli.EXIT_FAILURE;
            });
        }
    }

    @Command(name = "release-stale", mixinStandardHelpOptions = true,
            description = {"Release the stale abstractions of the config's jobs (zrepl's rules: older cursors and "
                    + "last-received holds, step holds at or before the newest cursor).",
                    "Tentative cursors and v1 cursors are never stale."})
    static final class ReleaseStaleCommand extends Release {
        @Override
        String verb() {
            return "release-stale";
        }

        @Override
        List<Abstraction> select(List<Abstraction> listed, Set<String> configuredJobs) {
            // staleness is judged over everything listed, then narrowed to the config's jobs
            return StaleAbstractions.listStale(listed).stream()
                    .filter(a -> a.jobId().isPresent() && configuredJobs.contains(a.jobId().get())).toList();
        }
    }

    @Command(name = "release-all", mixinStandardHelpOptions = true,
            description = {"Release every abstraction of the config's jobs (or of --job).",
                    "v1 cursors (no job in their name) only with --type replication-cursor-bookmark-v1."})
    static final class ReleaseAllCommand extends Release {
        @Override
        String verb() {
            return "release-all";
        }

        @Override
        List<Abstraction> select(List<Abstraction> listed, Set<String> configuredJobs)
                throws TestPruneCommand.UsageError {
            boolean v1Asked = query.types != null && query.typeSet().contains(AbstractionType.REPLICATION_CURSOR_V1);
            Optional<String> job = Optional.ofNullable(query.job);
            return listed.stream().filter(a -> a.jobId().isEmpty() ? v1Asked
                    : job.map(j -> j.equals(a.jobId().get())).orElse(configuredJobs.contains(a.jobId().get())))
                    .toList();
        }
    }
}
