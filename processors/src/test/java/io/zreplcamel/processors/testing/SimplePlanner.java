package io.zreplcamel.processors.testing;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.plan.Conflict;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import io.zreplcamel.processors.replication.plan.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A small stand-in for the real planner (another branch) so the driver's tests do not depend on it: snapshots
 * only, newest common snapshot by guid, incrementals after it (one {@code -I} step when merging), initial
 * replication by policy. No resume tokens, no bookmarks as sources.
 */
public final class SimplePlanner implements Function<PlanningInput, FilesystemPlan> {

    @Override
    public FilesystemPlan apply(PlanningInput in) {
        String fs = in.sender().path();
        if (in.sender().placeholder()) {
            return FilesystemPlan.of(fs, List.of());
        }
        List<FilesystemVersion> s = snapshots(in.senderVersions());
        if (s.isEmpty()) {
            return FilesystemPlan.failed(fs, new Conflict(ConflictKind.NO_SENDER_SNAPSHOTS,
                    "no snapshots available on sender side"));
        }
        boolean receiverEmpty = in.receiver().isEmpty() || in.receiver().get().placeholder()
                || snapshots(in.receiverVersions()).isEmpty();
        if (receiverEmpty) {
            if (in.policy() == InitialReplication.FAIL) {
                return FilesystemPlan.failed(fs, new Conflict(ConflictKind.INITIAL_REPLICATION_DISABLED,
                        "automatic conflict resolution for initial replication is disabled in config"));
            }
            if (in.policy() == InitialReplication.MOST_RECENT) {
                return FilesystemPlan.of(fs, List.of(Step.full(s.get(s.size() - 1))));
            }
            List<Step> steps = new ArrayList<>(List.of(Step.full(s.get(0))));
            steps.addAll(incrementals(s, 0, in.mergeIncrementals()));
            return FilesystemPlan.of(fs, steps);
        }
        List<FilesystemVersion> r = snapshots(in.receiverVersions());
        for (int i = r.size() - 1; i >= 0; i--) {
            long guid = r.get(i).guid();
            for (int j = s.size() - 1; j >= 0; j--) {
                if (s.get(j).guid() == guid) {
                    return FilesystemPlan.of(fs, incrementals(s, j, in.mergeIncrementals()));
                }
            }
        }
        return FilesystemPlan.failed(fs, new Conflict(ConflictKind.NO_COMMON_ANCESTOR,
                "no common snapshot or suitable bookmark between sender and receiver"));
    }

    private static List<Step> incrementals(List<FilesystemVersion> s, int from, boolean merge) {
        List<Step> out = new ArrayList<>();
        if (from == s.size() - 1) {
            return out;
        }
        if (merge && s.size() - from > 2) {
            return List.of(new Step(Optional.of(s.get(from)), s.get(s.size() - 1), Optional.empty(),
                    s.subList(from + 1, s.size() - 1)));
        }
        for (int i = from; i < s.size() - 1; i++) {
            out.add(Step.incremental(s.get(i), s.get(i + 1)));
        }
        return out;
    }

    private static List<FilesystemVersion> snapshots(List<FilesystemVersion> vs) {
        return vs.stream().filter(FilesystemVersion::isSnapshot)
                .sorted(Comparator.comparingLong(FilesystemVersion::createTxg)).toList();
    }
}
