package io.zreplcamel.app.cli;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.plan.Conflict;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.FilesystemPlanner;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import io.zreplcamel.processors.replication.plan.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test plan}: the replication steps the daemon would plan for one filesystem, from version lists
 * in files (the same {@link FilesystemPlanner} the daemon runs, so no ZFS is needed). Exit 0 with a plan (possibly
 * empty: up to date), 3 when the histories conflict, 2 for bad options or input lines.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show the replication steps (or the conflict) for one filesystem's sender and receiver versions.",
                "Version files: one line per snapshot or bookmark, tab-separated:",
                "  [dataset]@name|[dataset]#name  guid (unsigned decimal)  createtxg  creation (ISO-8601)",
                "Only blank lines are skipped (a line starting with # is a bookmark)."})
public final class TestPlanCommand implements Callable<Integer> {

    /** The histories conflict: the plan is the conflict. */
    public static final int EXIT_CONFLICT = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sender-from", required = true, paramLabel = "FILE", description = "the sender's versions")
    Path senderFrom;

    @Option(names = "--receiver-from", paramLabel = "FILE",
            description = "the receiver's versions (an empty file: the filesystem exists without snapshots; "
                    + "left out: it does not exist on the receiver)")
    Path receiverFrom;

    @Option(names = "--policy", paramLabel = "most_recent|all|fail", defaultValue = "most_recent",
            description = "conflict_resolution.initial_replication (default: ${DEFAULT-VALUE})")
    String policy;

    @Option(names = "--resume-token", paramLabel = "TOKEN",
            description = "the receiver's receive_resume_token (an interrupted receive)")
    String resumeToken;

    @Option(names = "--merge-incrementals",
            description = "plan consecutive incrementals as one zfs send -I step")
    boolean mergeIncrementals;

    @Option(names = "--filesystem", paramLabel = "NAME",
            description = "the filesystem's name in messages (default: the dataset in the sender file)")
    String filesystem;

    @Option(names = "--json", description = "print {\"steps\": [...], \"conflict\": null|{...}} instead of text")
    boolean json;

    /** Bad input: message on stderr, exit 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** One version file: its dataset (when the names carry one) and versions. */
    record VersionFile(Optional<String> dataset, List<FilesystemVersion> versions) {
    }

    @Override
    public Integer call() {
        try {
            return run(spec.commandLine().getOut());
        } catch (UsageError e) {
            spec.commandLine().getErr().println("zrepl-camel test plan: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        }
    }

    private int run(PrintWriter out) throws UsageError {
        InitialReplication initial = policyOf(policy);
        VersionFile sender = read(senderFrom);
        Optional<VersionFile> receiver = receiverFrom == null ? Optional.empty() : Optional.of(read(receiverFrom));
        String fs = filesystem != null ? filesystem : sender.dataset().orElse("filesystem");
        Optional<EndpointFilesystem> receiverFs = receiver.isPresent() || resumeToken != null
                ? Optional.of(new EndpointFilesystem(fs, false, Optional.ofNullable(resumeToken),
                        OptionalLong.empty()))
                : Optional.empty();
        FilesystemPlan plan = FilesystemPlanner.plan(new PlanningInput(EndpointFilesystem.of(fs), sender.versions(),
                receiverFs, receiver.map(VersionFile::versions).orElse(List.of()), initial, mergeIncrementals));
        if (json) {
            out.println(Json.pretty(toJson(plan)));
        } else {
            printText(out, plan);
        }
        out.flush();
        return plan.failed() ? EXIT_CONFLICT : ZreplCamelCli.EXIT_OK;
    }

    static InitialReplication policyOf(String name) throws UsageError {
        for (InitialReplication p : InitialReplication.values()) {
            if (p.configName().equals(name)) {
                return p;
            }
        }
        throw new UsageError("--policy must be most_recent, all or fail, not \"" + name + "\"");
    }

    /** Reads a version file; every bad line is reported as {@code file:line: what is wrong}. */
    static VersionFile read(Path file) throws UsageError {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
        List<FilesystemVersion> versions = new ArrayList<>();
        Set<String> datasets = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new UsageError(where + "expected name<TAB>guid<TAB>createtxg<TAB>creation, got " + f.length
                        + " field(s)");
            }
            String name = f[0].trim();
            int sep = firstSeparator(name);
            String shortName = sep < 0 ? "" : name.substring(sep + 1);
            if (sep < 0 || shortName.isEmpty() || firstSeparator(shortName) >= 0) {
                throw new UsageError(where + "not a snapshot or bookmark name ([dataset]@name or [dataset]#name): "
                        + f[0]);
            }
            long guid;
            try {
                guid = Long.parseUnsignedLong(f[1].trim());
            } catch (NumberFormatException e) {
                throw new UsageError(where + "guid is not an unsigned decimal number: " + f[1]);
            }
            long txg;
            try {
                txg = Long.parseLong(f[2].trim());
            } catch (NumberFormatException e) {
                txg = -1;
            }
            if (txg < 0) {
                throw new UsageError(where + "createtxg is not a non-negative number: " + f[2]);
            }
            Instant creation;
            try {
                creation = TestPruneCommand.parseInstant(f[3].trim(), "creation");
            } catch (TestPruneCommand.UsageError e) {
                throw new UsageError(where + e.getMessage());
            }
            boolean bookmark = name.charAt(sep) == '#';
            if (!names.add(name.substring(sep))) {
                throw new UsageError(where + "listed twice: " + name.substring(sep));
            }
            datasets.add(name.substring(0, sep));
            versions.add(bookmark ? FilesystemVersion.bookmark(shortName, guid, txg, creation)
                    : FilesystemVersion.snapshot(shortName, guid, txg, creation));
        }
        if (datasets.size() > 1) {
            throw new UsageError(file + ": versions of more than one dataset (" + datasets.stream().sorted()
                    .map(d -> d.isEmpty() ? "(none)" : d).collect(Collectors.joining(", "))
                    + "); one file holds one filesystem's versions");
        }
        Optional<String> dataset = datasets.stream().filter(d -> !d.isEmpty()).findFirst();
        return new VersionFile(dataset, versions);
    }

    private static int firstSeparator(String name) {
        int at = name.indexOf('@');
        int hash = name.indexOf('#');
        if (at < 0) {
            return hash;
        }
        return hash < 0 ? at : Math.min(at, hash);
    }

    static Map<String, Object> toJson(FilesystemPlan plan) {
        List<Object> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", s.from().map(FilesystemVersion::relativeName).orElse(null));
            m.put("to", s.to().relativeName());
            m.put("resumed", s.resumed());
            if (s.includesIntermediates()) {
                m.put("intermediates", s.intermediates().stream().map(FilesystemVersion::relativeName).toList());
            }
            steps.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", steps);
        out.put("conflict", plan.conflict().map(TestPlanCommand::conflictJson).orElse(null));
        return out;
    }

    private static Map<String, Object> conflictJson(Conflict c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind().jsonName());
        m.put("message", c.message());
        return m;
    }

    static void printText(PrintWriter out, FilesystemPlan plan) {
        if (plan.conflict().isPresent()) {
            Conflict c = plan.conflict().get();
            out.println("conflict " + c.kind().jsonName() + ": " + c.message());
            return;
        }
        List<Step> steps = plan.steps();
        if (steps.isEmpty()) {
            out.println(plan.filesystem() + ": up to date, nothing to send");
            return;
        }
        out.println(plan.filesystem() + ": " + steps.size() + (steps.size() == 1 ? " step" : " steps"));
        for (int i = 0; i < steps.size(); i++) {
            out.println("  " + (i + 1) + ". " + describe(steps.get(i)));
        }
    }

    /** {@code full @a}, {@code incremental @a -> @b}, {@code incremental -I @a -> @d (carries @b, @c)}, resumed. */
    static String describe(Step s) {
        String what;
        if (s.from().isEmpty()) {
            what = "full " + s.to().relativeName();
        } else if (s.includesIntermediates()) {
            what = "incremental -I " + s.from().get().relativeName() + " -> " + s.to().relativeName()
                    + " (carries " + s.intermediates().stream().map(FilesystemVersion::relativeName)
                            .collect(Collectors.joining(", ")) + ")";
        } else {
            what = "incremental " + s.from().get().relativeName() + " -> " + s.to().relativeName();
        }
        return s.resumed() ? "resume " + what + " (receiver's resume token)" : what;
    }
}
