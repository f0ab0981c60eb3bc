package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.memo.MemoizingReceiver;
import io.zreplcamel.processors.endpoint.memo.MemoizingSender;
import io.zreplcamel.processors.pruning.PruneSide;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.DriverSettings;
import io.zreplcamel.processors.replication.driver.ReplicationDriver;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation of a push or pull job (zrepl's {@code active.go}, §7.1): replicate, then prune the sender by
 * {@code keep_sender}, then the receiver by {@code keep_receiver}. Pruning runs even when replication failed: the
 * rules and the cursor still protect what the next replication needs. An interrupted invocation (the job is being
 * stopped) skips pruning, as zrepl's {@code reset} does. The job's route calls {@link #invoke} (snapshotting, for
 * push, comes before it: {@link JobSnapshotting}); status reads {@link #currentReplication()}.
 */
public final class ActiveJobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveJobRunner.class);

    private final ActiveJob job;
    private final Clock clock;
    private final ReplicationDriver driver;
    private final ActivePruning senderPruning;
    private final ActivePruning receiverPruning;
    /** What the invocation in progress is doing ({@code replicating}, {@code pruning sender}, ...); null between. */
    private volatile String phase;

    /**
     * @param job a {@code PushJob} or {@code PullJob}
     * @throws IllegalArgumentException if a keep rule cannot be built or a tunable is malformed
     */
    public ActiveJobRunner(ActiveJob job, Clock clock) {
        this(job, clock, new ReplicationDriver(DriverSettings.of(job, clock)));
    }

    /** With another driver (tests: one with a stand-in planner). */
    ActiveJobRunner(ActiveJob job, Clock clock, ReplicationDriver driver) {
        this.job = Objects.requireNonNull(job, "job");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.senderPruning = new ActivePruning(job, PruneSide.SENDER);
        this.receiverPruning = new ActivePruning(job, PruneSide.RECEIVER);
    }

    public ActiveJob job() {
        return job;
    }

    public ActivePruning senderPruning() {
        return senderPruning;
    }

    public ActivePruning receiverPruning() {
        return receiverPruning;
    }

    /**
     * Replicates, then prunes both sides. Never throws; every error is in the report. Each side's listings are kept
     * through the invocation until that side changes something, so a run in which nothing changed lists each side
     * once, not three times ({@link MemoizingSender}).
     */
    public InvocationReport invoke(Sender endpointSender, Receiver endpointReceiver) {
        Sender sender = new MemoizingSender(endpointSender);
        Receiver receiver = new MemoizingReceiver(endpointReceiver);
        Instant started = clock.instant();
        try {
            phase = "replicating";
            ReplicationReport replication = replicate(sender, receiver, started);
            phase = "pruning sender";
            PruningReport senderReport = prune(senderPruning, sender, receiver);
            phase = "pruning receiver";
            PruningReport receiverReport = prune(receiverPruning, sender, receiver);
            return new InvocationReport(job.name(), started, clock.instant(), replication, senderReport,
                    receiverReport);
        } finally {
            phase = null;
        }
    }

    private ReplicationReport replicate(Sender sender, Receiver receiver, Instant started) {
        try {
            return driver.run(sender, receiver);
        } catch (RuntimeException e) {
            // the driver reports per-filesystem errors itself; this is a bug or a broken endpoint
            Instant now = clock.instant();
            String msg = "replication failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.error("job {}: {}", job.name(), msg, e);
            return new ReplicationReport(started, Optional.of(now), List.of(new AttemptReport(1, started,
                    Optional.of(now), AttemptState.PLANNING_ERROR, Optional.of(msg), List.of())));
        }
    }

    /**
     * What the invocation in progress is doing: {@code replicating}, {@code pruning sender} or
     * {@code pruning receiver}; empty between invocations.
     */
    public Optional<String> phase() {
        return Optional.ofNullable(phase);
    }

    private PruningReport prune(ActivePruning pruning, Sender sender, Receiver receiver) {
        if (Thread.currentThread().isInterrupted()) {
            return new PruningReport(pruning.side().label(), List.of(), Map.of(),
                    Optional.of("skipped: the invocation was interrupted"));
        }
        return pruning.prune(sender, receiver);
    }

    /** The replication in progress or the last one (for status); empty before the first invocation. */
    public Optional<ReplicationReport> currentReplication() {
        return driver.current();
    }
}
