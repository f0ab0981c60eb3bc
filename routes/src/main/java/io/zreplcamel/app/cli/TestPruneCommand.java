package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.processors.job.LocalDatasets;
import io.zreplcamel.processors.job.SnapJobPruning;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.pruning.PruneDecision;
import io.zreplcamel.processors.pruning.PrunePlan;
import io.zreplcamel.processors.pruning.PrunePlanner;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.pruning.PruneSnapshot;
import io.zreplcamel.processors.pruning.RetentionRules;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.ZfsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test prune}: which snapshots a job's pruning would destroy and which rule keeps the rest,
 * without touching anything (zrepl users asked for this dry-run in zrepl issue 651). The snapshots come from a
 * file, or for snap jobs from this host's ZFS, listed and planned by the same code the daemon runs
 * ({@link SnapJobPruning}).
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Show what a job's pruning rules would keep and destroy.",
                "Without --snapshots-from, a snap job's filesystems and snapshots are listed from ZFS on this host.",
                "Snapshot list file: one line per snapshot, tab-separated:",
                "  dataset@name  creation (ISO-8601)  createtxg  [replicated yes|no]"})
public final class TestPruneCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "zrepl.yml to read")
    Path config;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "the job whose rules to apply")
    String job;

    @Option(names = "--side", paramLabel = "sender|receiver",
            description = "for push/pull jobs: keep_sender (default) or keep_receiver")
    String side;

    @Option(names = "--snapshots-from", paramLabel = "FILE",
            description = "the snapshots to plan for (default for snap jobs: list them from ZFS)")
    Path snapshotsFrom;

    @Option(names = "--now", paramLabel = "ISO-8601",
            description = "plan as of this instant: snapshots created later are left out")
    String now;

    @Option(names = "--json", description = "print [{\"snapshot\", \"action\", \"keptBy\"}] instead of text")
    boolean json;

    @Option(names = {"--exact-zrepl", "--exact-zrepl-grid"}, description = EXACT_ZREPL_HELP)
    boolean exactZrepl;

    @Option(names = "--zfs-command", paramLabel = "PATH", defaultValue = "zfs",
            description = "zfs binary for listing snapshots (default: ${DEFAULT-VALUE} from PATH)")
    String zfsCommand;

    static final String EXACT_ZREPL_HELP = "plan exactly as zrepl does: ignore the job's pruning.protect_newest, "
            + "which keeps the newest snapshot a grid rule matches (see docs/pruning.md); the grid itself is always "
            + "zrepl's. --exact-zrepl-grid is an old name of this option";

    /** Bad input: message on stderr, exit 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** ZFS could not be asked: message on stderr, exit 1. */
    static final class ZfsUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        ZfsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut());
        } catch (UsageError e) {
            err.println("zrepl-camel test prune: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        } catch (ZfsUnavailable e) {
            err.println("zrepl-camel test prune: " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        }
    }

    private int run(PrintWriter out) throws UsageError, ZfsUnavailable {
        Job j = findJob(config, job);
        PruneSide pruneSide = sideOf(j, side);
        Instant cutoff = now == null ? null : parseInstant(now, "--now");
        Map<String, PrunePlan> plans;
        if (snapshotsFrom == null) {
            if (!(j instanceof SnapJob snap)) {
                throw new UsageError("listing snapshots from ZFS works for snap jobs; for job " + j.name()
                        + " (type " + j.type() + ") pass --snapshots-from FILE");
            }
            plans = planFromZfs(snap, zfsCommand, exactZrepl, Optional.ofNullable(cutoff));
        } else {
            plans = planFromFile(plannerFor(j, pruneSide, exactZrepl), readSnapshots(snapshotsFrom, cutoff));
        }
        if (json) {
            printJson(out, plans);
        } else {
            printText(out, j, pruneSide, exactZrepl, plans);
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }

    private Map<String, PrunePlan> planFromFile(PrunePlanner planner, Map<String, List<PruneSnapshot>> byDataset)
            throws UsageError {
        Map<String, PrunePlan> plans = new TreeMap<>();
        for (Map.Entry<String, List<PruneSnapshot>> e : byDataset.entrySet()) {
            try {
                plans.put(e.getKey(), planner.plan(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new UsageError(snapshotsFrom + ": " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return plans;
    }

    // ---- shared with the other test verbs and prune ----

    /** The planner for one side of a job: zrepl's rules, plus the job's protect_newest unless {@code exactZrepl}. */
    static PrunePlanner plannerFor(Job job, PruneSide side, boolean exactZrepl) throws UsageError {
        try {
            return PrunePlanner.of(side, RetentionRules.forSide(keepRules(job, side), side))
                    .withNewestProtection(protectsNewest(job, exactZrepl));
        } catch (IllegalArgumentException e) {
            throw new UsageError("job " + job.name() + ": " + e.getMessage());
        }
    }

    /**
     * Lists a snap job's filesystems and snapshots on this host and plans them exactly as the daemon's next
     * pruning would ({@link SnapJobPruning}, two {@code zfs list} processes).
     */
    static Map<String, PrunePlan> planFromZfs(SnapJob job, String zfsCommand, boolean exactZrepl,
                                              Optional<Instant> asOf) throws UsageError, ZfsUnavailable {
        SnapJobPruning pruning;
        try (Zfs zfs = new Zfs(RunnerSettings.defaults().withZfsBinary(zfsCommand))) {
            try {
                LocalDatasets datasets = new LocalDatasets(zfs);
                pruning = exactZrepl ? SnapJobPruning.exactlyAsZrepl(job, datasets)
                        : new SnapJobPruning(job, datasets);
            } catch (IllegalArgumentException e) {
                throw new UsageError("job " + job.name() + ": " + e.getMessage());
            }
            List<FilesystemPrunePlan> planned;
            try {
                planned = pruning.plan(asOf);
            } catch (ZfsException e) {
                throw new ZfsUnavailable("cannot list the job's datasets: " + e.getMessage(), e);
            }
            Map<String, PrunePlan> plans = new TreeMap<>();
            for (FilesystemPrunePlan p : planned) {
                plans.put(p.filesystem(), p.plan());
            }
            return plans;
        }
    }

    static ZreplConfig loadConfig(Path config) throws UsageError {
        try {
            // lenient: pruning plans of push/pull jobs can be looked at before those jobs run here
            return ConfigLoader.load(config, Implemented.lenient(false));
        } catch (ConfigException e) {
            throw new UsageError("invalid config:\n" + e.getMessage());
        }
    }

    static Job findJob(Path config, String name) throws UsageError {
        ZreplConfig cfg = loadConfig(config);
        return cfg.job(name).orElseThrow(() -> new UsageError("job \"" + name + "\" not found in " + config
                + " (jobs: " + String.join(", ", cfg.jobs().stream().map(Job::name).toList()) + ")"));
    }

    static Instant parseInstant(String text, String option) throws UsageError {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                throw new UsageError(option + ": not an ISO-8601 instant with offset (e.g. 2024-05-14T21:16:23Z): "
                        + text);
            }
        }
    }

    static PruneSide sideOf(Job job, String side) throws UsageError {
        if (job instanceof SnapJob) {
            if (side != null) {
                throw new UsageError("--side applies to push and pull jobs; job " + job.name() + " is a snap job");
            }
            return PruneSide.LOCAL;
        }
        if (job instanceof ActiveJob) {
            if (side == null || side.equals("sender")) {
                return PruneSide.SENDER;
            }
            if (side.equals("receiver")) {
                return PruneSide.RECEIVER;
            }
            throw new UsageError("--side must be sender or receiver, not \"" + side + "\"");
        }
        throw new UsageError("job " + job.name() + " (type " + job.type() + ") does not prune: its active peer "
                + "(push or pull job) prunes both sides");
    }

    /** The job's {@code pruning.protect_newest}, unless {@code --exact-zrepl} says to plan as zrepl. */
    static boolean protectsNewest(Job job, boolean exactZrepl) {
        if (exactZrepl) {
            return false;
        }
        if (job instanceof SnapJob snap) {
            return snap.protectNewest();
        }
        return job instanceof ActiveJob active && active.pruning().protectNewest();
    }

    /** How the header of every verb states the protection: on, off, or ignored for this run. */
    static String protectionSummary(Job job, boolean exactZrepl) {
        if (exactZrepl) {
            return "protect_newest ignored (--exact-zrepl)";
        }
        return "protect_newest " + (protectsNewest(job, false) ? "on" : "off");
    }

    static List<KeepRule> keepRules(Job job, PruneSide side) {
        if (job instanceof SnapJob snap) {
            return snap.keep();
        }
        ActiveJob active = (ActiveJob) job;
        return side == PruneSide.RECEIVER ? active.pruning().keepReceiver() : active.pruning().keepSender();
    }

    /** Reads the tab-separated snapshot list, grouped by dataset (sorted), skipping later than {@code cutoff}. */
    static Map<String, List<PruneSnapshot>> readSnapshots(Path file, Instant cutoff) throws UsageError {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, List<PruneSnapshot>> out = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f.length > 4) {
                throw new UsageError(where + "expected dataset@name<TAB>creation<TAB>createtxg[<TAB>replicated "
                        + "yes|no], got " + f.length + " field(s)");
            }
            int at = f[0].indexOf('@');
            if (at <= 0 || at == f[0].length() - 1 || f[0].indexOf('@', at + 1) >= 0) {
                throw new UsageError(where + "not a snapshot name (dataset@name): " + f[0]);
            }
            Instant creation;
            try {
                creation = parseInstant(f[1].trim(), "creation");
            } catch (UsageError e) {
                throw new UsageError(where + e.getMessage());
            }
            long txg;
            try {
                txg = Long.parseLong(f[2].trim());
            } catch (NumberFormatException e) {
                throw new UsageError(where + "createtxg is not a number: " + f[2]);
            }
            boolean replicated = false;
            if (f.length == 4) {
                String r = f[3].trim();
                if (r.equals("yes")) {
                    replicated = true;
                } else if (!r.equals("no")) {
                    throw new UsageError(where + "replicated must be yes or no, not \"" + r + "\"");
                }
            }
            if (cutoff != null && creation.isAfter(cutoff)) {
                continue;
            }
            out.computeIfAbsent(f[0].substring(0, at), k -> new ArrayList<>())
                    .add(new PruneSnapshot(f[0].substring(at + 1), 0, txg, creation, replicated));
        }
        return out;
    }

    static void printText(PrintWriter out, Job job, PruneSide side, boolean exactZrepl, Map<String, PrunePlan> plans) {
        out.println("job " + job.name() + ", prune side " + side.label() + ", " + protectionSummary(job, exactZrepl));
        for (Map.Entry<String, PrunePlan> e : plans.entrySet()) {
            PrunePlan plan = e.getValue();
            out.println();
            out.println(e.getKey() + ": " + plan.toDestroy().size() + " of " + plan.decisions().size()
                    + " snapshots would be destroyed");
            for (PruneDecision d : plan.decisions()) {
                out.printf("  %-7s %s@%s  %s%s%s%n", d.action().label(), e.getKey(), d.snapshot().name(),
                        d.snapshot().creation(), d.destroy() ? "" : "  kept by " + String.join(", ", d.keptBy()),
                        d.note().isEmpty() ? "" : "  (" + d.note() + ")");
            }
        }
    }

    /** {@code [{"snapshot", "action", "keptBy"}]}, one snapshot per line, in plan order. */
    static void printJson(PrintWriter out, Map<String, PrunePlan> plans) {
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (Map.Entry<String, PrunePlan> e : plans.entrySet()) {
            for (PruneDecision d : e.getValue().decisions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("snapshot", e.getKey() + "@" + d.snapshot().name());
                m.put("action", d.action().label());
                m.put("keptBy", d.keptBy());
                if (!d.note().isEmpty()) {
                    m.put("note", d.note());
                }
                decisions.add(m);
            }
        }
        out.println(Json.linePerElement(decisions));
    }
}
