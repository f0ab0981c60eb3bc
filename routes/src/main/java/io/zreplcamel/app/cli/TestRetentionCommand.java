package io.zreplcamel.app.cli;

import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.SnapshottingJob;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.pruning.PruneDecision;
import io.zreplcamel.processors.pruning.PrunePlan;
import io.zreplcamel.processors.pruning.PrunePlanner;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.pruning.PruneSnapshot;
import io.zreplcamel.processors.pruning.ReplicationMarks;
import io.zreplcamel.processors.pruning.RetentionRules;
import io.zreplcamel.processors.snapshotting.SnapshotNamer;
import io.zreplcamel.processors.snapshotting.SnapshotSchedule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel test retention}: simulates a job over N days (snapshot at each scheduled time, replicate at
 * once for push jobs, prune every side right after) and prints, for the end of each day, how many snapshots
 * survive and how old they are. Answers "what will my grid actually keep?" before it runs on real data.
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Simulate snapshotting and pruning of a job over N days; per day, the surviving snapshots.")
public final class TestRetentionCommand implements Callable<Integer> {

    /** More snapshot events than this is a typo in --days or an interval of seconds; refuse instead of hanging. */
    static final int MAX_EVENTS = 200_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "zrepl.yml to read")
    Path config;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "a snap or push job")
    String job;

    @Option(names = "--days", required = true, paramLabel = "N", description = "how many days to simulate")
    int days;

    @Option(names = "--start", paramLabel = "ISO-8601", description = "simulated start (default: now)")
    String start;

    @Option(names = "--json", description = "print the simulation as JSON: per side and day the snapshots alive and"
            + " their ages")
    boolean json;

    @Option(names = {"--exact-zrepl", "--exact-zrepl-grid"}, description = TestPruneCommand.EXACT_ZREPL_HELP)
    boolean exactZrepl;

    @Override
    public Integer call() {
        try {
            return run(spec.commandLine().getOut());
        } catch (TestPruneCommand.UsageError e) {
            spec.commandLine().getErr().println("zrepl-camel test retention: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        }
    }

    private int run(PrintWriter out) throws TestPruneCommand.UsageError {
        if (days <= 0) {
            throw new TestPruneCommand.UsageError("--days must be a positive number, not " + days);
        }
        Job j = TestPruneCommand.findJob(config, job);
        if (!(j instanceof SnapshottingJob sj) || !(j instanceof SnapJob || j instanceof ActiveJob)) {
            throw new TestPruneCommand.UsageError("job " + j.name() + " (type " + j.type() + ") does not both "
                    + "snapshot and prune; simulate a snap or push job");
        }
        Snapshotting snapshotting = sj.snapshotting();
        if (snapshotting instanceof Snapshotting.Manual) {
            throw new TestPruneCommand.UsageError("job " + j.name() + " has manual snapshotting: nothing to simulate");
        }
        List<PruneSide> sides = j instanceof SnapJob ? List.of(PruneSide.LOCAL)
                : List.of(PruneSide.SENDER, PruneSide.RECEIVER);
        Map<PruneSide, PrunePlanner> planners = new LinkedHashMap<>();
        for (PruneSide side : sides) {
            planners.put(side, TestPruneCommand.plannerFor(j, side, exactZrepl));
        }
        Instant t0 = start == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                : TestPruneCommand.parseInstant(start, "--start");
        Instant end = t0.plus(Duration.ofDays(days));
        SnapshotSchedule schedule = new SnapshotSchedule(snapshotting, ZoneId.systemDefault());
        SnapshotNamer namer = SnapshotNamer.of(snapshotting);

        Map<PruneSide, List<PruneSnapshot>> alive = new LinkedHashMap<>();
        sides.forEach(s -> alive.put(s, new ArrayList<>()));
        // per side, the snapshot the last plan kept only by protect_newest (marked * in the output)
        Map<PruneSide, String> protectedNow = new LinkedHashMap<>();
        Map<PruneSide, List<Day>> dayLines = new LinkedHashMap<>();
        sides.forEach(s -> dayLines.put(s, new ArrayList<>()));

        Instant next = snapshotting instanceof Snapshotting.Periodic ? t0 : schedule.nextAfter(t0).orElse(null);
        int day = 1;
        long txg = 1;
        int events = 0;
        while (day <= days) {
            Instant dayEnd = t0.plus(Duration.ofDays(day));
            if (next != null && !next.isAfter(dayEnd) && next.isBefore(end.plusSeconds(1))) {
                if (++events > MAX_EVENTS) {
                    throw new TestPruneCommand.UsageError("more than " + MAX_EVENTS + " snapshots to simulate; "
                            + "use fewer --days");
                }
                takeAndPrune(alive, planners, protectedNow, namer.name(next), txg++, next);
                Optional<Instant> after = schedule.nextAfter(next);
                next = after.orElse(null);
                continue;
            }
            for (PruneSide side : sides) {
                dayLines.get(side).add(new Day(day, dayEnd, List.copyOf(alive.get(side)), protectedNow.get(side)));
            }
            day++;
        }

        if (json) {
            out.println(Json.pretty(json(j, t0, events, dayLines)));
            out.flush();
            return ZreplCamelCli.EXIT_OK;
        }
        out.println("job " + j.name() + ": " + describe(snapshotting) + ", " + events + " snapshots taken in "
                + days + " day(s) from " + t0);
        out.println(TestPruneCommand.protectionSummary(j, exactZrepl) + (planners.values().stream()
                .anyMatch(PrunePlanner::protectsNewest)
                ? ": * marks the snapshot kept only by the newest snapshot protection (at most one per filesystem; "
                + "the rules keep the others, exactly as zrepl's)" : ": the rules alone decide, exactly as zrepl's"));
        for (PruneSide side : sides) {
            out.println();
            out.println("prune side " + side.label() + ":");
            dayLines.get(side).forEach(d -> out.println(d.line()));
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }

    private static void takeAndPrune(Map<PruneSide, List<PruneSnapshot>> alive,
                                     Map<PruneSide, PrunePlanner> planners, Map<PruneSide, String> protectedNow,
                                     String name, long txg, Instant at) {
        for (Map.Entry<PruneSide, List<PruneSnapshot>> e : alive.entrySet()) {
            PruneSide side = e.getKey();
            List<PruneSnapshot> snaps = e.getValue();
            snaps.add(new PruneSnapshot(name, txg, txg, at, false));
            PrunePlanner planner = planners.get(side);
            List<PruneSnapshot> marked = snaps;
            if (side != PruneSide.LOCAL) {
                // replication succeeded right away: the cursor is on the snapshot just taken
                List<FilesystemVersion> versions = snaps.stream()
                        .map(s -> FilesystemVersion.snapshot(s.name(), s.guid(), s.createTxg(), s.creation()))
                        .toList();
                marked = ReplicationMarks.mark(versions, txg,
                        RetentionRules.snapshotAtCursorCountsAsReplicated(planner.rules(), side));
            }
            PrunePlan plan = planner.plan(marked);
            List<PruneSnapshot> keep = plan.toKeep();
            protectedNow.remove(side);
            plan.decisions().stream().filter(PruneDecision::keptByProtectionOnly)
                    .forEach(d -> protectedNow.put(side, d.snapshot().name()));
            snaps.clear();
            keep.forEach(s -> snaps.add(s.withReplicated(false)));
        }
    }

    /** One side at the end of one simulated day: the snapshots alive, and the one kept only by protection. */
    private record Day(int day, Instant end, List<PruneSnapshot> alive, String protectedName) {

        List<PruneSnapshot> youngestFirst() {
            List<PruneSnapshot> l = new ArrayList<>(alive);
            l.sort(Comparator.comparing(PruneSnapshot::creation).reversed());
            return l;
        }

        boolean protectedAlive() {
            return alive.stream().anyMatch(s -> s.name().equals(protectedName));
        }

        String line() {
            StringBuilder ages = new StringBuilder();
            for (PruneSnapshot s : youngestFirst()) {
                ages.append(ages.length() == 0 ? "" : " ").append(formatAge(Duration.between(s.creation(), end)))
                        .append(s.name().equals(protectedName) ? "*" : "");
            }
            return String.format("  day %3d  %s  %4d snapshots%s  ages: %s", day, end, alive.size(),
                    protectedAlive() ? " (" + (alive.size() - 1) + " by the rules + 1 protected)" : "", ages);
        }

        Map<String, Object> json() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("day", day);
            o.put("end", end.toString());
            o.put("count", alive.size());
            o.put("protected", protectedAlive() ? protectedName : null);
            o.put("snapshots", youngestFirst().stream().map(s -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", s.name());
                e.put("ageSeconds", Duration.between(s.creation(), end).getSeconds());
                return e;
            }).toList());
            return o;
        }
    }

    private static Map<String, Object> json(Job j, Instant start, int taken, Map<PruneSide, List<Day>> days) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("job", j.name());
        o.put("start", start.toString());
        o.put("snapshotsTaken", taken);
        Map<String, Object> sides = new LinkedHashMap<>();
        days.forEach((side, list) -> sides.put(side.label(), list.stream().map(Day::json).toList()));
        o.put("sides", sides);
        return o;
    }

    /** Compact age: minutes below 2h, hours below 2d, days beyond (rounded down). */
    static String formatAge(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 120) {
            return minutes + "m";
        }
        long hours = age.toHours();
        if (hours < 48) {
            return hours + "h";
        }
        return age.toDays() + "d";
    }

    private static String describe(Snapshotting s) {
        if (s instanceof Snapshotting.Periodic p) {
            return "periodic every " + io.zreplcamel.config.values.ZreplDuration.format(p.interval());
        }
        if (s instanceof Snapshotting.Cron c) {
            return "cron \"" + c.cron().spec() + "\"";
        }
        return s.type();
    }
}
