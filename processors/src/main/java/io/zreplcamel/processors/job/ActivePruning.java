package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.pruning.FilesystemPrunePlan;
import io.zreplcamel.processors.pruning.PruneAction;
import io.zreplcamel.processors.pruning.PruneDecision;
import io.zreplcamel.processors.pruning.PrunePlan;
import io.zreplcamel.processors.pruning.PrunePlanner;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.pruning.PruneSnapshot;
import io.zreplcamel.processors.pruning.PruneTarget;
import io.zreplcamel.processors.pruning.RetentionRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning of one side of a push or pull job (zrepl's pruner, §10.4): the side's filesystems that the sender also
 * has, their versions (one listing), the job's replication cursors from the sender (one call), the keep rules of
 * that side ({@link PrunePlanner}, {@code protect_newest} as configured), then one batched destroy per filesystem.
 *
 * <p>Two differences from zrepl, both about never losing the base of the next incremental step:
 * <ul>
 *   <li><b>{@code guarantee_nothing}</b> destroys the cursor after every step, so zrepl cannot prune at all
 *       (issue #682). When the job uses it and a filesystem has no cursor, the newest snapshot common to both
 *       sides (by guid) stands in for the cursor: one more version listing, of the other side, only then.</li>
 *   <li>The snapshot that is the incremental base is never destroyed, whatever the rules say: on the receiver the
 *       snapshot at the cursor (zrepl relies on the last-received hold to fail that destroy), on the sender the
 *       stand-in common snapshot (there is no cursor bookmark to continue from). A sender snapshot at a real
 *       cursor is left to the rules, as in zrepl: the cursor bookmark is the base.</li>
 * </ul>
 * A filesystem with neither a cursor nor a common snapshot is not pruned and the report says why; the rules
 * would otherwise see nothing as replicated or, worse, everything.
 */
public final class ActivePruning {

    /** Why a snapshot the rules would destroy is kept. */
    public static final String BASE_REASON = "incremental base of the next replication (never pruned)";

    private static final Logger LOG = LoggerFactory.getLogger(ActivePruning.class);

    private final ActiveJob job;
    private final PruneSide side;
    private final PrunePlanner planner;
    private final boolean guaranteeNothing;

    /**
     * @param side {@link PruneSide#SENDER} ({@code keep_sender}) or {@link PruneSide#RECEIVER}
     *             ({@code keep_receiver})
     * @throws IllegalArgumentException if the side's keep rules cannot be built
     */
    public ActivePruning(ActiveJob job, PruneSide side) {
        this.job = Objects.requireNonNull(job, "job");
        this.side = Objects.requireNonNull(side, "side");
        if (side == PruneSide.LOCAL) {
            throw new IllegalArgumentException("an active job prunes its sender or its receiver, not " + side);
        }
        List<KeepRule> rules = side == PruneSide.SENDER ? job.pruning().keepSender() : job.pruning().keepReceiver();
        this.planner = PrunePlanner.of(side, RetentionRules.forSide(rules, side))
                .withNewestProtection(job.pruning().protectNewest());
        this.guaranteeNothing = job.replication().initialProtection() == GuaranteeKind.GUARANTEE_NOTHING
                || job.replication().incrementalProtection() == GuaranteeKind.GUARANTEE_NOTHING;
    }

    public PruneSide side() {
        return side;
    }

    public PrunePlanner planner() {
        return planner;
    }

    /** The plans, nothing destroyed (for {@code test prune}-like tools); listing errors are thrown. */
    public List<FilesystemPrunePlan> plan(Sender sender, Receiver receiver) {
        return planWithVersions(sender, receiver).plans();
    }

    /** Plans and destroys. Never throws: listing errors are the report's {@code error}. */
    public PruningReport prune(Sender sender, Receiver receiver) {
        Planned planned;
        try {
            planned = planWithVersions(sender, receiver);
        } catch (RuntimeException e) {
            String msg = "cannot plan pruning of the " + side.label() + ": " + message(e);
            LOG.warn("job {}: {}", job.name(), msg);
            return new PruningReport(side.label(), List.of(), Map.of(), Optional.of(msg));
        }
        Endpoint target = side == PruneSide.SENDER ? sender : receiver;
        List<String> destroyed = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        for (FilesystemPrunePlan p : planned.plans()) {
            String fs = p.filesystem();
            if (p.planError().isPresent()) {
                failed.put(fs, p.planError().get());
                continue;
            }
            if (!p.hasWork()) {
                continue;
            }
            Map<String, FilesystemVersion> byName = new LinkedHashMap<>();
            for (FilesystemVersion v : planned.versions().getOrDefault(fs, List.of())) {
                if (v.isSnapshot()) {
                    byName.put(v.name(), v);
                }
            }
            List<FilesystemVersion> toDestroy = p.plan().destroyNames().stream().map(byName::get)
                    .filter(Objects::nonNull).toList();
            try {
                DestroyOutcome out = target.destroySnapshots(fs, toDestroy);
                out.destroyed().forEach(n -> destroyed.add(fs + "@" + n));
                out.failed().forEach((n, why) -> failed.put(fs + "@" + n, why));
            } catch (RuntimeException e) {
                failed.put(fs, "destroy failed: " + message(e));
            }
        }
        failed.forEach((what, why) -> LOG.warn("job {}: pruning {}: {}: {}", job.name(), side.label(), what, why));
        return new PruningReport(side.label(), destroyed, failed, Optional.empty());
    }

    private record Planned(List<FilesystemPrunePlan> plans, Map<String, List<FilesystemVersion>> versions) {
    }

    private Planned planWithVersions(Sender sender, Receiver receiver) {
        Endpoint target = side == PruneSide.SENDER ? sender : receiver;
        Endpoint other = side == PruneSide.SENDER ? receiver : sender;
        List<EndpointFilesystem> senderFilesystems = sender.listFilesystems();
        List<EndpointFilesystem> targetFilesystems = side == PruneSide.SENDER ? senderFilesystems
                : receiver.listFilesystems();
        Set<String> senderPaths = new HashSet<>();
        senderFilesystems.forEach(f -> senderPaths.add(f.path()));
        List<String> candidates = targetFilesystems.stream()
                .filter(f -> !f.placeholder() && senderPaths.contains(f.path()))
                .map(EndpointFilesystem::path).toList();

        Map<String, List<FilesystemVersion>> versions = candidates.isEmpty() ? Map.of()
                : target.listVersions(candidates);
        Map<String, Optional<FilesystemVersion>> cursors = Map.of();
        Optional<String> cursorError = Optional.empty();
        if (!candidates.isEmpty()) {
            try {
                cursors = sender.replicationCursors(candidates);
            } catch (RuntimeException e) {
                cursorError = Optional.of(message(e));
            }
        }
        Map<String, OptionalLong> commonBase = new LinkedHashMap<>();
        if (guaranteeNothing && cursorError.isEmpty()) {
            List<String> withoutCursor = new ArrayList<>();
            for (String fs : candidates) {
                if (cursors.getOrDefault(fs, Optional.empty()).isEmpty()) {
                    withoutCursor.add(fs);
                }
            }
            if (!withoutCursor.isEmpty()) {
                Map<String, List<FilesystemVersion>> otherVersions = other.listVersions(withoutCursor);
                for (String fs : withoutCursor) {
                    commonBase.put(fs, newestCommonSnapshot(versions.getOrDefault(fs, List.of()),
                            otherVersions.getOrDefault(fs, List.of())));
                }
            }
        }

        List<PruneTarget> targets = new ArrayList<>();
        Map<String, OptionalLong> protectedBase = new LinkedHashMap<>();
        for (EndpointFilesystem f : targetFilesystems) {
            String fs = f.path();
            List<FilesystemVersion> v = versions.getOrDefault(fs, List.of());
            OptionalLong cursor = cursors.getOrDefault(fs, Optional.empty())
                    .map(c -> OptionalLong.of(c.guid())).orElse(OptionalLong.empty());
            boolean standIn = cursor.isEmpty() && commonBase.containsKey(fs);
            if (standIn) {
                cursor = commonBase.get(fs);
            }
            if (side == PruneSide.RECEIVER || standIn) {
                protectedBase.put(fs, cursor);
            }
            targets.add(new PruneTarget(fs, f.placeholder(), v, cursor, Optional.empty(), cursorError));
        }
        List<FilesystemPrunePlan> plans = new ArrayList<>();
        for (FilesystemPrunePlan p : planner.planJob(targets, senderPaths)) {
            plans.add(explainAndProtect(p, protectedBase.getOrDefault(p.filesystem(), OptionalLong.empty())));
        }
        return new Planned(List.copyOf(plans), versions);
    }

    /** Keeps the base snapshot and rewords the missing-cursor error so the operator knows what to do. */
    private FilesystemPrunePlan explainAndProtect(FilesystemPrunePlan p, OptionalLong base) {
        if (p.planError().isPresent() && p.planError().get().startsWith("replication cursor bookmark does not exist")) {
            String why = guaranteeNothing
                    ? "not pruned: no replication cursor (guarantee_nothing destroys it) and no snapshot common to "
                    + "sender and receiver to stand in for it; it is pruned once a replication of it succeeded"
                    : "not pruned: " + p.planError().get();
            return new FilesystemPrunePlan(p.filesystem(), Optional.empty(), Optional.of(why), p.plan());
        }
        if (base.isEmpty() || p.planError().isPresent() || p.skipReason().isPresent()) {
            return p;
        }
        long guid = base.getAsLong();
        List<PruneDecision> decisions = new ArrayList<>();
        boolean changed = false;
        for (PruneDecision d : p.plan().decisions()) {
            PruneSnapshot s = d.snapshot();
            if (d.destroy() && s.guid() == guid) {
                decisions.add(new PruneDecision(s, PruneAction.KEEP, List.of(BASE_REASON), d.note()));
                changed = true;
            } else {
                decisions.add(d);
            }
        }
        return changed ? new FilesystemPrunePlan(p.filesystem(), p.skipReason(), p.planError(),
                new PrunePlan(decisions)) : p;
    }

    /** The guid of the newest snapshot of {@code target} whose guid is also a snapshot of {@code other}. */
    static OptionalLong newestCommonSnapshot(List<FilesystemVersion> target, List<FilesystemVersion> other) {
        Set<Long> otherGuids = new HashSet<>();
        other.stream().filter(FilesystemVersion::isSnapshot).forEach(v -> otherGuids.add(v.guid()));
        return target.stream().filter(v -> v.isSnapshot() && otherGuids.contains(v.guid()))
                .max((a, b) -> Long.compare(a.createTxg(), b.createTxg()))
                .map(v -> OptionalLong.of(v.guid())).orElse(OptionalLong.empty());
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
