package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.diff.IncrementalPath;
import io.zreplcamel.processors.replication.diff.Versions;
import io.zreplcamel.zfs.token.CorruptResumeTokenException;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans one filesystem's steps (zrepl's {@code replication/logic} planning): resume token first, then the incremental
 * path and conflicts, then the initial-replication policy. A pure function of its input.
 *
 * <ol>
 *   <li>Sender placeholder (chained replication): nothing to send; a conflict if the receiver has a real
 *       filesystem there.</li>
 *   <li>Sender without any version: {@code no-sender-snapshots}.</li>
 *   <li>Receiver resume token: the resumed step (same {@code from}/{@code to} as the interrupted one), then the
 *       sender snapshots after its {@code to}; the initial-replication policy is not applied.</li>
 *   <li>Otherwise the {@link IncrementalPath} (a receiver placeholder counts as having no versions); initial
 *       replication per {@link InitialReplication}.</li>
 * </ol>
 *
 * Every plan with steps ends at the sender's newest snapshot; steps chain ({@code from} of one = {@code to} of the
 * previous).
 */
public final class FilesystemPlanner {

    private FilesystemPlanner() {
    }

    public static FilesystemPlan plan(PlanningInput input) {
        EndpointFilesystem sender = input.sender();
        String fs = sender.path();
        if (sender.placeholder()) {
            if (input.receiver().isPresent() && !input.receiver().get().placeholder()) {
                return FilesystemPlan.failed(fs, new Conflict(ConflictKind.PLACEHOLDER_MISMATCH, fs
                        + ": sender filesystem is placeholder, but receiver filesystem is not; the receiver's "
                        + "filesystem did not come from this sender's chain: exclude it from the job or rename it "
                        + "on the receiver"));
            }
            return FilesystemPlan.of(fs, List.of());
        }
        if (input.senderVersions().isEmpty()) {
            return FilesystemPlan.failed(fs, new Conflict(ConflictKind.NO_SENDER_SNAPSHOTS, fs
                    + ": sender does not have any versions; take a snapshot of it on the sender (or let the job's "
                    + "snapshotting run) before replicating"));
        }
        Optional<String> token = input.receiver().flatMap(EndpointFilesystem::resumeToken)
                .filter(t -> !t.isBlank());
        if (token.isPresent()) {
            return resume(fs, token.get(), input);
        }
        boolean receiverHasVersions = input.receiver().isPresent() && !input.receiver().get().placeholder();
        List<FilesystemVersion> receiverVersions = receiverHasVersions ? input.receiverVersions() : List.of();
        IncrementalPath.Result path = IncrementalPath.between(fs, input.senderVersions(), receiverVersions);
        if (path instanceof IncrementalPath.Conflicting c) {
            return FilesystemPlan.failed(fs, c.conflict());
        }
        if (path instanceof IncrementalPath.Incremental inc) {
            return FilesystemPlan.of(fs, StepChain.incrementals(inc.common(), inc.snapshotsAfter(),
                    input.mergeIncrementals()));
        }
        return initial(fs, ((IncrementalPath.Initial) path).senderSnapshots(), input);
    }

    private static FilesystemPlan initial(String fs, List<FilesystemVersion> snapshots, PlanningInput input) {
        switch (input.policy()) {
            case MOST_RECENT:
                return FilesystemPlan.of(fs, List.of(Step.full(snapshots.get(snapshots.size() - 1))));
            case ALL: {
                List<Step> steps = new ArrayList<>();
                steps.add(Step.full(snapshots.get(0)));
                steps.addAll(StepChain.incrementals(snapshots.get(0), snapshots.subList(1, snapshots.size()),
                        input.mergeIncrementals()));
                return FilesystemPlan.of(fs, steps);
            }
            case FAIL:
            default:
                return FilesystemPlan.failed(fs, new Conflict(ConflictKind.INITIAL_REPLICATION_DISABLED, fs
                        + ": automatic conflict resolution for initial replication is disabled in config "
                        + "(conflict_resolution.initial_replication: fail); the receiver has no snapshot of it: set "
                        + "initial_replication to most_recent or all, or do the first full send by hand"));
        }
    }

    private static FilesystemPlan resume(String fs, String rawToken, PlanningInput input) {
        String abort = "abort the interrupted receive on the receiver with `zfs receive -A " + fs
                + "` (path below the receiving job's root_fs, or root_fs/<client identity> for a sink)";
        ResumeToken token;
        try {
            token = ResumeTokenDecoder.decode(rawToken);
        } catch (CorruptResumeTokenException e) {
            return FilesystemPlan.failed(fs, new Conflict(ConflictKind.INVALID_RESUME_TOKEN, fs
                    + ": the receiver's receive_resume_token cannot be used: " + e.getMessage() + "; " + abort));
        }
        List<FilesystemVersion> sender = input.senderVersions();
        Optional<FilesystemVersion> to = Versions.snapshots(sender).stream()
                .filter(v -> v.guid() == token.toguid()).findFirst();
        if (to.isEmpty()) {
            return FilesystemPlan.failed(fs, new Conflict(ConflictKind.STALE_RESUME_TOKEN, fs
                    + ": resume token `toguid` = " + Long.toUnsignedString(token.toguid())
                    + " not found on sender (`toname` = \"" + token.toname() + "\"): the sender no longer has the "
                    + "snapshot whose receive was interrupted; " + abort + ", then the next replication plans anew"));
        }
        Optional<FilesystemVersion> from = Optional.empty();
        if (token.fromguid().isPresent()) {
            long fromGuid = token.fromguid().getAsLong();
            if (fromGuid == token.toguid()) {
                return FilesystemPlan.failed(fs, new Conflict(ConflictKind.INVALID_RESUME_TOKEN, fs
                        + ": resume token `fromguid` and `toguid` match the same version on the sender ("
                        + to.get().relativeName() + "); " + abort));
            }
            from = Versions.byGuid(sender, fromGuid);
            if (from.isEmpty()) {
                return FilesystemPlan.failed(fs, new Conflict(ConflictKind.STALE_RESUME_TOKEN, fs
                        + ": resume token `fromguid` = " + Long.toUnsignedString(fromGuid) + " not found on sender "
                        + "(resuming the receive of " + token.toname() + " needs its incremental source): " + abort
                        + ", then the next replication plans anew"));
            }
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(from, to.get(), Optional.of(rawToken), List.of()));
        List<FilesystemVersion> snapshots = Versions.snapshots(sender);
        List<FilesystemVersion> later = snapshots.subList(snapshots.indexOf(to.get()) + 1, snapshots.size());
        steps.addAll(StepChain.incrementals(to.get(), later, input.mergeIncrementals()));
        return FilesystemPlan.of(fs, steps);
    }
}
