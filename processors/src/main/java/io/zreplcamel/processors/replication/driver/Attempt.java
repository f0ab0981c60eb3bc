package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import io.zreplcamel.processors.replication.plan.Step;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import io.zreplcamel.zfs.token.CorruptResumeTokenException;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a run: list both sides (one filesystem and one version listing per side), plan every sender
 * filesystem, estimate the steps' sizes ({@code concurrentSizeEstimates} at once), then execute the steps from one
 * queue with {@code concurrentSteps} slots, oldest {@code to} first across filesystems, a child only once its
 * parent is on the receiver. Every error is confined to its filesystem, except listing, which fails the attempt.
 */
final class Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    /** Across filesystems: the step whose {@code to} is oldest first (zrepl's priority queue). */
    private static final Comparator<FilesystemProgress> OLDEST_NEXT_STEP = Comparator
            .comparing((FilesystemProgress f) -> f.nextStep().to().creation())
            .thenComparingLong(f -> f.nextStep().to().createTxg())
            .thenComparing(f -> f.filesystem);

    final int number;
    final Instant started;
    private final DriverSettings settings;
    private final Function<PlanningInput, FilesystemPlan> planner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<FilesystemProgress> filesystems = new ArrayList<>();
    private AttemptState state = AttemptState.PLANNING;
    private Optional<String> error = Optional.empty();
    private Optional<Instant> finished = Optional.empty();
    private Optional<RuntimeException> connectivityError = Optional.empty();
    private int running;

    Attempt(int number, DriverSettings settings, Function<PlanningInput, FilesystemPlan> planner) {
        this.number = number;
        this.settings = settings;
        this.planner = planner;
        this.started = settings.clock().instant();
    }

    /** A consistent copy for the live report. */
    AttemptReport report() {
        lock.lock();
        try {
            return new AttemptReport(number, started, finished, state, error,
                    filesystems.stream().map(FilesystemProgress::report).toList());
        } finally {
            lock.unlock();
        }
    }

    /** The temporary connectivity error the attempt hit, if any (the run then tries again). */
    Optional<RuntimeException> connectivityError() {
        lock.lock();
        try {
            return connectivityError;
        } finally {
            lock.unlock();
        }
    }

    AttemptState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the attempt-level message (e.g. that the run reconnects) after it finished. */
    void noteError(String message) {
        lock.lock();
        try {
            error = Optional.of(message);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the attempt to its end.
     *
     * @throws InterruptedException when the calling thread is interrupted (the job is being stopped, or
     *                              {@code signal reset}); running steps are interrupted and the unfinished
     *                              filesystems marked failed
     */
    void run(Sender sender, Receiver receiver) throws InterruptedException {
        try {
            if (!plan(sender, receiver)) {
                return;
            }
            estimateSizes(sender);
            execute(sender, receiver);
        } catch (InterruptedException e) {
            lock.lock();
            try {
                for (FilesystemProgress f : filesystems) {
                    if (!f.state.terminal()) {
                        f.fail(FilesystemState.FAILED,
                                f.filesystem + ": replication interrupted (job stopped or reset)");
                    }
                }
                state = AttemptState.FILESYSTEM_ERROR;
                error = Optional.of("interrupted: the job is being stopped or was reset");
                finished = Optional.of(settings.clock().instant());
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- planning

    private boolean plan(Sender sender, Receiver receiver) {
        List<EndpointFilesystem> senderFilesystems;
        Map<String, EndpointFilesystem> receiverFilesystems = new LinkedHashMap<>();
        Map<String, List<FilesystemVersion>> senderVersions;
        Map<String, List<FilesystemVersion>> receiverVersions;
        try {
            senderFilesystems = sender.listFilesystems();
            for (EndpointFilesystem r : receiver.listFilesystems()) {
                receiverFilesystems.put(r.path(), r);
            }
            List<String> senderPaths = senderFilesystems.stream().map(EndpointFilesystem::path).toList();
            senderVersions = senderPaths.isEmpty() ? Map.of() : sender.listVersions(senderPaths);
            // only what planning reads: receiver filesystems that exist and are not placeholders
            List<String> onReceiver = senderPaths.stream().filter(p -> receiverFilesystems.containsKey(p)
                    && !receiverFilesystems.get(p).placeholder()).toList();
            receiverVersions = onReceiver.isEmpty() ? Map.of() : receiver.listVersions(onReceiver);
        } catch (RuntimeException e) {
            lock.lock();
            try {
                noteConnectivity(e);
                state = AttemptState.PLANNING_ERROR;
                error = Optional.of("cannot list filesystems or versions for planning: " + message(e));
                finished = Optional.of(settings.clock().instant());
            } finally {
                lock.unlock();
            }
            LOG.warn("replication attempt {}: {}", number, error.get());
            return false;
        }
        lock.lock();
        try {
            for (EndpointFilesystem s : senderFilesystems) {
                filesystems.add(new FilesystemProgress(s.path()));
            }
            for (FilesystemProgress f : filesystems) {
                List<FilesystemProgress> parents = new ArrayList<>();
                for (FilesystemProgress p : filesystems) {
                    if (FilesystemProgress.isParent(p.filesystem, f.filesystem)) {
                        parents.add(p);
                    }
                }
                f.parents = List.copyOf(parents);
            }
        } finally {
            lock.unlock();
        }
        if (senderFilesystems.isEmpty()) {
            LOG.warn("replication attempt {}: no filesystems were considered for replication", number);
        }
        for (int i = 0; i < senderFilesystems.size(); i++) {
            EndpointFilesystem s = senderFilesystems.get(i);
            Optional<EndpointFilesystem> r = Optional.ofNullable(receiverFilesystems.get(s.path()));
            PlanningInput input = new PlanningInput(s, senderVersions.getOrDefault(s.path(), List.of()), r,
                    receiverVersions.getOrDefault(s.path(), List.of()), settings.policy(),
                    settings.mergeIncrementals());
            FilesystemProgress f = filesystems.get(i);
            FilesystemPlan plan;
            try {
                plan = planner.apply(input);
                if (settings.abortStaleResumeToken() && isStaleToken(plan)) {
                    plan = planWithoutToken(input, plan);
                }
            } catch (RuntimeException e) {
                failFilesystem(f, e, s.path() + ": planning failed: " + message(e));
                continue;
            }
            lock.lock();
            try {
                if (plan.conflict().isPresent()) {
                    f.conflict = Optional.of(plan.conflict().get().kind());
                    String m = plan.conflict().get().message();
                    // the planner's messages name the filesystem already
                    f.fail(FilesystemState.FAILED, m.startsWith(s.path() + ": ") ? m : s.path() + ": " + m);
                } else {
                    f.steps = plan.steps();
                    f.presentOnReceiver = plan.steps().isEmpty() || plan.steps().get(0).from().isPresent();
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    private static boolean isStaleToken(FilesystemPlan plan) {
        return plan.conflict().isPresent() && plan.conflict().get().kind() == ConflictKind.STALE_RESUME_TOKEN;
    }

    /**
     * {@code replication.resume.abort_stale_token}: plans the filesystem as if the receiver had no token. The first
     * step of the new plan does not use the token, so the receiver is told {@code clearResumeToken} and runs
     * {@code zfs recv -A} before receiving it (docs/replication.md §5, case 2).
     */
    private FilesystemPlan planWithoutToken(PlanningInput input, FilesystemPlan stale) {
        EndpointFilesystem r = input.receiver().orElseThrow();
        String token = r.resumeToken().orElse("");
        String snapshot;
        try {
            ResumeToken t = ResumeTokenDecoder.decode(token);
            snapshot = t.toname() + " (guid " + Long.toUnsignedString(t.toguid()) + ")";
        } catch (CorruptResumeTokenException e) {
            snapshot = "an undecodable snapshot";
        }
        PlanningInput without = new PlanningInput(input.sender(), input.senderVersions(),
                Optional.of(new EndpointFilesystem(r.path(), r.placeholder(), Optional.empty(), r.snapshotsChanged())),
                input.receiverVersions(), input.policy(), input.mergeIncrementals());
        FilesystemPlan plan = planner.apply(without);
        if (plan.conflict().isPresent()) {
            // the stale token's conflict stays the filesystem's error: it says what to run on the receiver
            LOG.warn("replication attempt {}: {}: the receiver's resume token for {} is stale, and planning without "
                    + "it is a conflict too ({}), so the token is kept", number, input.sender().path(), snapshot,
                    plan.conflict().get().message());
            return stale;
        }
        if (plan.steps().isEmpty()) {
            LOG.warn("replication attempt {}: {}: the receiver's resume token for {} is stale; it is discarded with "
                    + "the next step received (the receiver is at the sender's newest snapshot now)", number,
                    input.sender().path(), snapshot);
            return plan;
        }
        LOG.warn("replication attempt {}: {}: discarding the receiver's stale resume token for {} (the sender no "
                + "longer has what it needs: {}); replication.resume.abort_stale_token is on, so the receiver runs "
                + "`zfs receive -A` and the filesystem is planned anew ({} step(s))", number, input.sender().path(),
                snapshot, stale.conflict().get().message(), plan.steps().size());
        return plan;
    }

    private void estimateSizes(Sender sender) throws InterruptedException {
        record Estimate(FilesystemProgress fs, int index, Future<Long> size) {
        }
        List<Estimate> estimates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrentSizeEstimates(),
                threads("zrepl-size-estimate"));
        try {
            lock.lock();
            try {
                for (FilesystemProgress f : filesystems) {
                    if (f.state != FilesystemState.PLANNING) {
                        continue;
                    }
                    f.estimates = new ArrayList<>();
                    for (int i = 0; i < f.steps.size(); i++) {
                        f.estimates.add(0L);
                        StepRequest req = request(f.filesystem, f.steps.get(i));
                        estimates.add(new Estimate(f, i, pool.submit(() -> sender.estimateSize(req))));
                    }
                }
            } finally {
                lock.unlock();
            }
            for (Estimate e : estimates) {
                try {
                    long size = e.size().get();
                    lock.lock();
                    try {
                        e.fs().estimates.set(e.index(), size);
                    } finally {
                        lock.unlock();
                    }
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    RuntimeException re = cause instanceof RuntimeException r ? r : new RuntimeException(cause);
                    boolean first;
                    lock.lock();
                    try {
                        first = e.fs().state == FilesystemState.PLANNING;
                    } finally {
                        lock.unlock();
                    }
                    if (first) {
                        failFilesystem(e.fs(), re, e.fs().filesystem + ": cannot estimate size of step "
                                + request(e.fs().filesystem, e.fs().steps.get(e.index())).describe() + ": "
                                + message(re));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        lock.lock();
        try {
            for (FilesystemProgress f : filesystems) {
                if (f.state == FilesystemState.PLANNING) {
                    f.state = f.steps.isEmpty() ? FilesystemState.DONE : FilesystemState.WAITING;
                }
            }
            state = AttemptState.STEPPING;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- execution

    private void execute(Sender sender, Receiver receiver) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrentSteps(), threads("zrepl-step"));
        lock.lock();
        try {
            while (true) {
                skipChildrenOfFailedParents();
                while (running < settings.concurrentSteps()) {
                    Optional<FilesystemProgress> next = nextReady();
                    if (next.isEmpty()) {
                        break;
                    }
                    FilesystemProgress f = next.get();
                    StepRequest req = request(f.filesystem, f.nextStep());
                    f.running = true;
                    f.state = FilesystemState.STEPPING;
                    f.currentStep = Optional.of(req.describe());
                    f.runningBytes.set(0);
                    running++;
                    pool.execute(() -> runStep(f, req, sender, receiver));
                }
                if (filesystems.stream().allMatch(f -> f.state.terminal())) {
                    break;
                }
                if (running == 0) {
                    // cannot happen (a waiting child's parent is running, ready or finished); never hang on it
                    for (FilesystemProgress f : filesystems) {
                        if (!f.state.terminal()) {
                            f.fail(FilesystemState.FAILED, f.filesystem + ": internal error: no step could be "
                                    + "scheduled; please report this");
                        }
                    }
                    break;
                }
                changed.await();
            }
            state = filesystems.stream().allMatch(f -> f.state == FilesystemState.DONE) ? AttemptState.DONE
                    : AttemptState.FILESYSTEM_ERROR;
            finished = Optional.of(settings.clock().instant());
        } finally {
            lock.unlock();
            pool.shutdownNow();
            awaitSteps(pool);
        }
    }

    /** How long a stop or {@code signal reset} waits for interrupted steps to kill their zfs processes. */
    static final Duration STEP_STOP_WAIT = Duration.ofSeconds(30);

    /**
     * Waits until the steps have ended: after an interrupt (the job stops, or {@code signal reset}) each running
     * step kills its {@code zfs send}/{@code zfs recv} (the zfs layer's waits are interruptible); the attempt ends
     * only then, so that the next invocation never starts while a receive of this one still writes.
     */
    private void awaitSteps(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(STEP_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("replication attempt {}: steps still running {} after they were interrupted", number,
                        STEP_STOP_WAIT);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The waiting filesystem whose next step is oldest, among those whose parents are on the receiver. */
    private Optional<FilesystemProgress> nextReady() {
        return filesystems.stream()
                .filter(f -> f.state == FilesystemState.WAITING && !f.running && f.hasNextStep())
                .filter(f -> f.parents.stream().allMatch(p -> p.presentOnReceiver))
                .min(OLDEST_NEXT_STEP);
    }

    /**
     * zrepl's rule: a child cannot be received before its parent exists on the receiver; a parent that failed
     * before getting there fails its children, which would otherwise wait forever.
     */
    private void skipChildrenOfFailedParents() {
        boolean again = true;
        while (again) {
            again = false;
            for (FilesystemProgress f : filesystems) {
                if (f.state != FilesystemState.WAITING || f.running) {
                    continue;
                }
                List<String> failed = f.parents.stream()
                        .filter(p -> !p.presentOnReceiver && p.state.terminal())
                        .map(p -> p.filesystem).toList();
                if (!failed.isEmpty()) {
                    f.fail(FilesystemState.SKIPPED, f.filesystem + ": parent(s) failed during initial replication: "
                            + failed + "; fix the parent first");
                    again = true; // its own children may now be blocked for good
                }
            }
        }
    }

    private void runStep(FilesystemProgress f, StepRequest req, Sender sender, Receiver receiver) {
        LOG.info("replication attempt {}: step {} started", number, req.describe());
        InputStream stream = null;
        boolean received = false;
        long bytes;
        try {
            OutgoingStream out = sender.send(req);
            stream = out.stream();
            // the local zfs send pipe must reach zfs recv untouched (no byte through the JVM): count other streams
            InputStream toReceive = stream instanceof ZfsSendStream ? stream
                    : new CountingInputStream(stream, f.runningBytes);
            long n = receiver.receive(new ReceiveStep(req.filesystem(), req.to(), !out.usedResumeToken(),
                    req.protection()), toReceive);
            received = true;
            sender.sendCompleted(req);
            bytes = n >= 0 ? n : Math.max(f.runningBytes.get(), estimateOf(f));
        } catch (RuntimeException | Error e) {
            if (stream != null && !received) {
                closeQuietly(stream);
            }
            String what = received ? "the receiver has it, but moving the replication cursor failed" : "failed";
            RuntimeException re = e instanceof RuntimeException r ? r : new RuntimeException(e);
            lock.lock();
            try {
                running--;
                f.bytesReplicatedDone += f.runningBytes.get();
                noteConnectivity(re);
                if (!f.state.terminal()) { // else the attempt was aborted and said why
                    f.fail(FilesystemState.FAILED, req.filesystem() + ": step " + req.describe() + " " + what + ": "
                            + message(re));
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            LOG.warn("replication attempt {}: {}", number, f.error.orElse(""));
            return;
        }
        LOG.info("replication attempt {}: step {} done ({} bytes)", number, req.describe(), bytes);
        lock.lock();
        try {
            running--;
            f.running = false;
            f.bytesReplicatedDone += bytes;
            f.stepsDone++;
            f.presentOnReceiver = true;
            f.currentStep = Optional.empty();
            if (!f.state.terminal()) { // else the attempt was aborted meanwhile
                f.state = f.hasNextStep() ? FilesystemState.WAITING : FilesystemState.DONE;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private long estimateOf(FilesystemProgress f) {
        lock.lock();
        try {
            return f.stepsDone < f.estimates.size() ? Math.max(0, f.estimates.get(f.stepsDone)) : 0;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers

    private StepRequest request(String filesystem, Step step) {
        return new StepRequest(filesystem, step.from(), step.to(), step.resumeToken(), step.includesIntermediates(),
                settings.protection());
    }

    private void failFilesystem(FilesystemProgress f, RuntimeException e, String message) {
        lock.lock();
        try {
            noteConnectivity(e);
            f.fail(FilesystemState.FAILED, message);
        } finally {
            lock.unlock();
        }
        LOG.warn("replication attempt {}: {}", number, message);
    }

    /** Caller holds the lock. */
    private void noteConnectivity(RuntimeException e) {
        if (isTemporaryConnectivity(e)) {
            connectivityError = Optional.of(e);
        }
    }

    static boolean isTemporaryConnectivity(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TemporaryConnectivityException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // the step already failed; the original error is what the operator needs
        }
    }

    private ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + number + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
