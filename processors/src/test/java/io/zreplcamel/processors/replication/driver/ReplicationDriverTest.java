package io.zreplcamel.processors.replication.driver;

import static io.zreplcamel.processors.testing.Versions.snap;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.plan.Conflict;
import io.zreplcamel.processors.replication.plan.ConflictKind;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.FilesystemPlanner;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import io.zreplcamel.processors.replication.plan.TestResumeTokens;
import io.zreplcamel.processors.testing.FakeReceiver;
import io.zreplcamel.processors.testing.FakeSender;
import io.zreplcamel.processors.testing.SimplePlanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReplicationDriverTest {

    private static final Protection PROTECTION = new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_RESUMABILITY);

    private final FakeSender sender = new FakeSender();
    private final FakeReceiver receiver = new FakeReceiver(sender);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private ReplicationDriver driver(int maxAttempts, int steps, int estimates) {
        return driver(maxAttempts, steps, estimates, new SimplePlanner());
    }

    private ReplicationDriver driver(int maxAttempts, int steps, int estimates,
                                     Function<PlanningInput, FilesystemPlan> planner) {
        DriverSettings s = new DriverSettings(maxAttempts, Duration.ofSeconds(7), steps, estimates,
                InitialReplication.ALL, PROTECTION, false, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        return new ReplicationDriver(s, planner, sleeps::add);
    }

    private List<String> receivedOrder() {
        return receiver.received.stream().map(r -> r.filesystem() + r.to().relativeName()).toList();
    }

    private static Map<String, FilesystemReport> byFs(ReplicationReport r) {
        return r.lastAttempt().orElseThrow().filesystems().stream()
                .collect(Collectors.toMap(FilesystemReport::filesystem, f -> f));
    }

    @Test
    void stepsRunOldestToFirstAcrossFilesystems() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a3", 3), snap("a6", 6));
        sender.filesystem("pool/b", snap("b2", 2), snap("b4", 4), snap("b5", 5));

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        assertThat(receivedOrder()).containsExactly("pool/a@a1", "pool/b@b2", "pool/a@a3", "pool/b@b4", "pool/b@b5",
                "pool/a@a6");
        assertThat(r.successful()).isTrue();
        assertThat(receiver.snapshotNames("pool/b")).containsExactly("b2", "b4", "b5");
        assertThat(sender.cursorOf("pool/a")).map(FilesystemVersion::guid).contains(snap("a6", 6).guid());
    }

    @Test
    void eachStepIsSendThenReceiveThenSendCompleted() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2));

        driver(3, 1, 1).run(sender, receiver);

        List<String> calls = sender.calls.stream().filter(c -> c.startsWith("send")).toList();
        assertThat(calls).containsExactly("send pool/a (full) -> @a1", "sendCompleted pool/a (full) -> @a1",
                "send pool/a @a1 -> @a2", "sendCompleted pool/a @a1 -> @a2");
        assertThat(receiver.received).extracting(s -> s.clearResumeToken()).containsOnly(true);
        assertThat(receiver.received).extracting(s -> s.protection()).containsOnly(PROTECTION);
    }

    @Test
    void listsEachSideOnceAndTheReceiverOnlyForFilesystemsItHas() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2));
        sender.filesystem("pool/b", snap("b1", 1));
        sender.filesystem("pool/c", snap("c1", 1));
        receiver.filesystem("pool/a", snap("a1", 1));
        receiver.placeholder("pool/c");
        receiver.filesystem("pool/other", snap("x", 1));

        ReplicationReport r = driver(3, 2, 2).run(sender, receiver);

        assertThat(r.successful()).isTrue();
        assertThat(sender.listFilesystemsCalls).hasValue(1);
        assertThat(receiver.listFilesystemsCalls).hasValue(1);
        assertThat(sender.listVersionsArguments).containsExactly(List.of("pool/a", "pool/b", "pool/c"));
        assertThat(receiver.listVersionsArguments).containsExactly(List.of("pool/a"));
        assertThat(byFs(r).keySet()).containsExactlyInAnyOrder("pool/a", "pool/b", "pool/c");
    }

    @Test
    void noReceiverListingWhenTheReceiverHasNone() {
        sender.filesystem("pool/a", snap("a1", 1));

        driver(3, 1, 1).run(sender, receiver);

        assertThat(receiver.listVersionsCalls).hasValue(0);
    }

    @Test
    void concurrentStepsAndEstimatesAreBounded() {
        for (int i = 0; i < 6; i++) {
            sender.filesystem("pool/fs" + i, snap("s1", 1), snap("s2", 2));
        }
        sender.onEstimate = r -> sleep(15);
        receiver.midStream = s -> sleep(25);

        ReplicationReport r = driver(3, 2, 3).run(sender, receiver);

        assertThat(r.successful()).isTrue();
        assertThat(receiver.steps.max()).isEqualTo(2);
        assertThat(sender.estimates.max()).isBetween(2, 3);
        assertThat(receiver.received).hasSize(12);
    }

    @Test
    void oneSlotMeansOneStepAtATime() {
        for (int i = 0; i < 4; i++) {
            sender.filesystem("pool/fs" + i, snap("s1", 1));
        }
        receiver.midStream = s -> sleep(10);

        driver(3, 1, 4).run(sender, receiver);

        assertThat(receiver.steps.max()).isEqualTo(1);
    }

    @Test
    void childWaitsForItsParentsInitialReplication() {
        // the child's snapshot is older: without the rule it would go first
        sender.filesystem("pool/a", snap("p", 5));
        sender.filesystem("pool/a/b", snap("c", 1));
        sender.filesystem("pool/a/b/c", snap("g", 0));
        sender.filesystem("pool/aa", snap("sibling", 2));

        // one slot, so the received order is the queue's order (with more slots `a` and `aa` race each other)
        ReplicationReport r = driver(3, 1, 4).run(sender, receiver);

        assertThat(r.successful()).isTrue();
        List<String> order = receivedOrder();
        assertThat(order.indexOf("pool/a@p")).isLessThan(order.indexOf("pool/a/b@c"));
        assertThat(order.indexOf("pool/a/b@c")).isLessThan(order.indexOf("pool/a/b/c@g"));
        // `aa` is not a child of `a`: its older snapshot goes before `a`'s
        assertThat(order.indexOf("pool/aa@sibling")).isLessThan(order.indexOf("pool/a@p"));
    }

    @Test
    void childOfAParentAlreadyOnTheReceiverDoesNotWait() {
        sender.filesystem("pool/a", snap("p1", 1), snap("p5", 5));
        receiver.filesystem("pool/a", snap("p1", 1));
        sender.filesystem("pool/a/b", snap("c2", 2));

        driver(3, 1, 1).run(sender, receiver);

        assertThat(receivedOrder()).containsExactly("pool/a/b@c2", "pool/a@p5");
    }

    @Test
    void failedParentSkipsItsDescendantsOnly() {
        sender.filesystem("pool/a", snap("p", 1));
        sender.filesystem("pool/a/b", snap("c", 2));
        sender.filesystem("pool/a/b/c", snap("g", 3));
        sender.filesystem("pool/aa", snap("s", 4));
        sender.onSend = r -> {
            if (r.filesystem().equals("pool/a")) {
                throw new IllegalStateException("zfs send: dataset is busy");
            }
        };

        ReplicationReport r = driver(3, 2, 2).run(sender, receiver);

        Map<String, FilesystemReport> fs = byFs(r);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(fs.get("pool/a").error()).hasValueSatisfying(e -> assertThat(e).contains("pool/a")
                .contains("dataset is busy").contains("(full) -> @p"));
        assertThat(fs.get("pool/a/b").state()).isEqualTo(FilesystemState.SKIPPED);
        assertThat(fs.get("pool/a/b").error()).hasValueSatisfying(e ->
                assertThat(e).contains("parent(s) failed during initial replication").contains("pool/a"));
        assertThat(fs.get("pool/a/b/c").state()).isEqualTo(FilesystemState.SKIPPED);
        assertThat(fs.get("pool/aa").state()).isEqualTo(FilesystemState.DONE);
        assertThat(receivedOrder()).containsExactly("pool/aa@s");
        assertThat(r.lastAttempt().orElseThrow().state()).isEqualTo(AttemptState.FILESYSTEM_ERROR);
        assertThat(r.filesystemErrors()).isEqualTo(3);
        assertThat(r.attempts()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void parentWithAPlanningConflictSkipsItsChild() {
        sender.filesystem("pool/a", snap("p", 1));
        sender.filesystem("pool/a/b", snap("c", 2));
        Function<PlanningInput, FilesystemPlan> planner = in -> in.sender().path().equals("pool/a")
                ? FilesystemPlan.failed("pool/a", new Conflict(ConflictKind.DIVERGED, "the receiver diverged"))
                : new SimplePlanner().apply(in);

        ReplicationReport r = driver(3, 2, 2, planner).run(sender, receiver);

        Map<String, FilesystemReport> fs = byFs(r);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(fs.get("pool/a").conflict()).contains(ConflictKind.DIVERGED);
        assertThat(fs.get("pool/a").error()).hasValueSatisfying(e -> assertThat(e).contains("pool/a: the receiver "
                + "diverged"));
        assertThat(fs.get("pool/a/b").state()).isEqualTo(FilesystemState.SKIPPED);
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void failingParentAfterItsInitialStepDoesNotBlockTheChild() {
        sender.filesystem("pool/a", snap("p1", 1), snap("p2", 2));
        sender.filesystem("pool/a/b", snap("c", 3));
        sender.onSend = r -> {
            if (r.to().name().equals("p2")) {
                throw new IllegalStateException("broken pipe");
            }
        };

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        Map<String, FilesystemReport> fs = byFs(r);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(fs.get("pool/a").stepsDone()).isEqualTo(1);
        assertThat(fs.get("pool/a/b").state()).isEqualTo(FilesystemState.DONE);
    }

    @Test
    void aFailingStepFailsOnlyItsFilesystem() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 3), snap("a3", 5));
        sender.filesystem("pool/b", snap("b1", 2), snap("b2", 4));
        receiver.midStream = s -> {
            if (s.to().name().equals("a2")) {
                throw new IllegalStateException("cannot receive incremental stream: destination modified");
            }
        };

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        Map<String, FilesystemReport> fs = byFs(r);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(fs.get("pool/a").stepsDone()).isEqualTo(1);
        assertThat(fs.get("pool/a").stepsTotal()).isEqualTo(3);
        assertThat(fs.get("pool/a").error()).hasValueSatisfying(e -> assertThat(e).startsWith("pool/a: step ")
                .contains("destination modified"));
        assertThat(fs.get("pool/b").state()).isEqualTo(FilesystemState.DONE);
        assertThat(sender.completed).extracting(c -> c.to().name()).containsExactly("a1", "b1", "b2");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("a1");
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.successful()).isFalse();
    }

    @Test
    void streamIsClosedWhenTheReceiverFailsWithoutClosingIt() {
        sender.filesystem("pool/a", snap("a1", 1));
        receiver.beforeReading = s -> {
            throw new IllegalStateException("no space left");
        };

        ReplicationReport r = driver(1, 1, 1).run(sender, receiver);

        assertThat(r.successful()).isFalse();
        assertThat(sender.streams).hasSize(1);
        assertThat(sender.streams.get(0).closed).isTrue();
        assertThat(sender.completed).isEmpty();
    }

    @Test
    void temporaryConnectivityErrorRetriesTheWholeAttemptFromDisk() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2), snap("a3", 3));
        boolean[] failedOnce = {false};
        sender.onSend = r -> {
            if (r.to().name().equals("a2") && !failedOnce[0]) {
                failedOnce[0] = true;
                throw new TemporaryConnectivityException("connection reset by peer");
            }
        };

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        assertThat(r.attempts()).hasSize(2);
        assertThat(r.attempts().get(0).state()).isEqualTo(AttemptState.FILESYSTEM_ERROR);
        assertThat(r.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("connection reset"));
        assertThat(r.attempts().get(1).state()).isEqualTo(AttemptState.DONE);
        // re-planned: the second attempt starts at a1 -> a2 (a1 is on the receiver already)
        assertThat(r.attempts().get(1).filesystems().get(0).stepsTotal()).isEqualTo(2);
        assertThat(sender.listFilesystemsCalls).hasValue(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("a1", "a2", "a3");
        assertThat(r.successful()).isTrue();
    }

    @Test
    void retriesAtMostMaxAttemptsTimes() {
        sender.filesystem("pool/a", snap("a1", 1));
        sender.onSend = r -> {
            throw new TemporaryConnectivityException("listener for job sink not started");
        };

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        assertThat(r.attempts()).hasSize(3);
        assertThat(r.attempts()).extracting(AttemptReport::number).containsExactly(1, 2, 3);
        assertThat(sleeps).hasSize(2);
        assertThat(r.attempts().get(2).error()).hasValueSatisfying(e -> assertThat(e).contains("no attempts left"));
        assertThat(r.successful()).isFalse();
        assertThat(r.finished()).isPresent();
    }

    @Test
    void listingConnectivityErrorIsRetriedAndReportedAsPlanningError() {
        sender.filesystem("pool/a", snap("a1", 1));
        sender.listFilesystemsFailures.add(new IllegalStateException("wrapped",
                new TemporaryConnectivityException("connection refused")));

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        assertThat(r.attempts()).hasSize(2);
        assertThat(r.attempts().get(0).state()).isEqualTo(AttemptState.PLANNING_ERROR);
        assertThat(r.attempts().get(1).state()).isEqualTo(AttemptState.DONE);
    }

    @Test
    void otherErrorsAreNotRetried() {
        sender.filesystem("pool/a", snap("a1", 1));
        sender.listFilesystemsFailures.add(new IllegalStateException("zfs list: permission denied"));

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        assertThat(r.attempts()).hasSize(1);
        assertThat(r.attempts().get(0).state()).isEqualTo(AttemptState.PLANNING_ERROR);
        assertThat(r.attempts().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("permission denied"));
        assertThat(r.filesystemErrors()).isEqualTo(-1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sizeEstimateErrorFailsTheFilesystemAtPlanning() {
        sender.filesystem("pool/a", snap("a1", 1));
        sender.filesystem("pool/b", snap("b1", 1));
        sender.onEstimate = r -> {
            if (r.filesystem().equals("pool/a")) {
                throw new IllegalArgumentException("encrypted send requested but pool/a is not encrypted");
            }
        };

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        Map<String, FilesystemReport> fs = byFs(r);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(fs.get("pool/a").error()).hasValueSatisfying(e -> assertThat(e).contains("cannot estimate size")
                .contains("not encrypted"));
        assertThat(fs.get("pool/b").state()).isEqualTo(FilesystemState.DONE);
        assertThat(sender.sent).extracting(s -> s.filesystem()).containsExactly("pool/b");
    }

    @Test
    void plannerExceptionFailsOnlyThatFilesystem() {
        sender.filesystem("pool/a", snap("a1", 1));
        sender.filesystem("pool/b", snap("b1", 1));
        Function<PlanningInput, FilesystemPlan> planner = in -> {
            if (in.sender().path().equals("pool/a")) {
                throw new UnsupportedOperationException("boom");
            }
            return new SimplePlanner().apply(in);
        };

        ReplicationReport r = driver(3, 1, 1, planner).run(sender, receiver);

        assertThat(byFs(r).get("pool/a").state()).isEqualTo(FilesystemState.FAILED);
        assertThat(byFs(r).get("pool/b").state()).isEqualTo(FilesystemState.DONE);
        assertThat(r.attempts()).hasSize(1);
    }

    @Test
    void reportCountsStepsAndBytes() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2), snap("a3", 3));
        sender.filesystem("pool/b", snap("b1", 1));
        receiver.filesystem("pool/b", snap("b1", 1));
        sender.bytesPerStep = 300;
        sender.estimatePerStep = 280;

        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);

        FilesystemReport a = byFs(r).get("pool/a");
        assertThat(a.state()).isEqualTo(FilesystemState.DONE);
        assertThat(a.stepsDone()).isEqualTo(3);
        assertThat(a.stepsTotal()).isEqualTo(3);
        assertThat(a.bytesExpected()).isEqualTo(3 * 280);
        assertThat(a.bytesReplicated()).isEqualTo(3 * 300);
        assertThat(a.currentStep()).isEmpty();
        FilesystemReport b = byFs(r).get("pool/b");
        assertThat(b.state()).isEqualTo(FilesystemState.DONE);
        assertThat(b.stepsTotal()).isZero();
        assertThat(r.finished()).isPresent();
    }

    @Test
    void liveReportShowsTheRunningStep() throws Exception {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 3));
        sender.filesystem("pool/b", snap("b1", 2));
        sender.bytesPerStep = 1000;
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        receiver.midStream = s -> {
            if (s.to().name().equals("a1")) {
                inStep.countDown();
                await(release);
            }
        };
        ReplicationDriver d = driver(3, 1, 1);
        assertThat(d.current()).isEmpty();

        CompletableFuture<ReplicationReport> run = CompletableFuture.supplyAsync(() -> d.run(sender, receiver));
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();
        ReplicationReport live = d.current().orElseThrow();
        release.countDown();

        assertThat(live.finished()).isEmpty();
        AttemptReport attempt = live.lastAttempt().orElseThrow();
        assertThat(attempt.state()).isEqualTo(AttemptState.STEPPING);
        Map<String, FilesystemReport> fs = byFs(live);
        assertThat(fs.get("pool/a").state()).isEqualTo(FilesystemState.STEPPING);
        assertThat(fs.get("pool/a").currentStep()).contains("pool/a (full) -> @a1");
        assertThat(fs.get("pool/a").stepsDone()).isZero();
        assertThat(fs.get("pool/a").stepsTotal()).isEqualTo(2);
        assertThat(fs.get("pool/a").bytesReplicated()).isEqualTo(500);
        assertThat(fs.get("pool/b").state()).isEqualTo(FilesystemState.WAITING);

        ReplicationReport done = run.get(10, TimeUnit.SECONDS);
        assertThat(done.successful()).isTrue();
        assertThat(d.current().orElseThrow().finished()).isPresent();
    }

    @Test
    void interruptEndsTheRunWithTheUnfinishedFilesystemsFailed() throws Exception {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2));
        sender.filesystem("pool/b", snap("b1", 3));
        CountDownLatch inStep = new CountDownLatch(1);
        receiver.midStream = s -> {
            inStep.countDown();
            sleep(5_000);
        };
        ReplicationDriver d = driver(3, 1, 1);
        CompletableFuture<ReplicationReport> result = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            result.complete(d.run(sender, receiver));
            flag.complete(Thread.currentThread().isInterrupted());
        });
        t.start();
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();
        t.interrupt();

        ReplicationReport r = result.get(10, TimeUnit.SECONDS);

        assertThat(flag.get(1, TimeUnit.SECONDS)).isTrue();
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.finished()).isPresent();
        assertThat(byFs(r).values()).allSatisfy(f -> assertThat(f.state()).isEqualTo(FilesystemState.FAILED));
        assertThat(byFs(r).get("pool/b").error()).hasValueSatisfying(e -> assertThat(e).contains("interrupted"));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void noFilesystemsIsDone() {
        ReplicationReport r = driver(3, 1, 1).run(sender, receiver);
        assertThat(r.successful()).isTrue();
        assertThat(r.lastAttempt().orElseThrow().filesystems()).isEmpty();
    }

    @Test
    void mergedIncrementalCarriesIntermediates() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2), snap("a3", 3), snap("a4", 4));
        receiver.filesystem("pool/a", snap("a1", 1));
        DriverSettings s = new DriverSettings(3, Duration.ZERO, 1, 1, InitialReplication.ALL, PROTECTION, true,
                Clock.systemUTC());
        ReplicationReport r = new ReplicationDriver(s, new SimplePlanner(), sleeps::add).run(sender, receiver);

        assertThat(r.successful()).isTrue();
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.get(0).includeIntermediates()).isTrue();
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("a1", "a2", "a3", "a4");
    }

    // ------------------------------------------------- replication.resume.abort_stale_token

    private ReplicationDriver realPlanner(boolean abortStaleToken) {
        DriverSettings s = new DriverSettings(3, Duration.ZERO, 1, 1, InitialReplication.ALL, PROTECTION, true,
                Clock.systemUTC(), abortStaleToken);
        return new ReplicationDriver(s, FilesystemPlanner::plan, sleeps::add);
    }

    /** The receiver has a1 and partial state of a1 -> a2; the sender has a1 and a3 (a2 was destroyed). */
    private void staleTokenOfA2() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a3", 3));
        receiver.filesystem("pool/a", snap("a1", 1));
        receiver.resumeToken("pool/a", TestResumeTokens.token(snap("a1", 1).guid(), snap("a2", 2).guid(),
                "pool/a@a2"));
    }

    @Test
    void aStaleResumeTokenIsAConflictByDefault() {
        staleTokenOfA2();

        ReplicationReport r = realPlanner(false).run(sender, receiver);

        FilesystemReport a = byFs(r).get("pool/a");
        assertThat(a.state()).isEqualTo(FilesystemState.FAILED);
        assertThat(a.conflict()).contains(ConflictKind.STALE_RESUME_TOKEN);
        assertThat(a.error()).hasValueSatisfying(e -> assertThat(e).contains("zfs receive -A pool/a")
                .contains("pool/a@a2"));
        assertThat(receiver.received).isEmpty();
        assertThat(sender.sent).isEmpty();
        assertThat(new DriverSettings(1, Duration.ZERO, 1, 1, InitialReplication.ALL, PROTECTION, true,
                Clock.systemUTC()).abortStaleResumeToken()).isFalse();
    }

    @Test
    void abortStaleTokenPlansWithoutItAndTheReceiverClearsIt() {
        staleTokenOfA2();

        ReplicationReport r = realPlanner(true).run(sender, receiver);

        FilesystemReport a = byFs(r).get("pool/a");
        assertThat(a.state()).as("%s", a).isEqualTo(FilesystemState.DONE);
        assertThat(a.conflict()).isEmpty();
        assertThat(sender.sent).hasSize(1);
        assertThat(sender.sent.get(0).resumeToken()).isEmpty();
        assertThat(sender.sent.get(0).from()).map(FilesystemVersion::name).contains("a1");
        assertThat(sender.sent.get(0).to().name()).isEqualTo("a3");
        // not resumed: the receiver is told to discard its partial state (zfs recv -A) before receiving
        assertThat(receiver.received).extracting(s -> s.clearResumeToken()).containsExactly(true);
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("a1", "a3");
    }

    @Test
    void abortStaleTokenLeavesAUsableTokenAlone() {
        sender.filesystem("pool/a", snap("a1", 1), snap("a2", 2), snap("a3", 3));
        receiver.filesystem("pool/a", snap("a1", 1));
        String token = TestResumeTokens.token(snap("a1", 1).guid(), snap("a2", 2).guid(), "pool/a@a2");
        receiver.resumeToken("pool/a", token);

        ReplicationReport r = realPlanner(true).run(sender, receiver);

        assertThat(byFs(r).get("pool/a").state()).isEqualTo(FilesystemState.DONE);
        assertThat(sender.sent.get(0).resumeToken()).contains(token);
        assertThat(receiver.received.get(0).clearResumeToken()).isFalse();
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("a1", "a2", "a3");
    }

    @Test
    void abortStaleTokenKeepsTheStaleConflictWhenPlanningWithoutItConflictsToo() {
        // the receiver diverged: its newest snapshot x2 is not on the sender
        sender.filesystem("pool/a", snap("a1", 1), snap("a3", 3));
        receiver.filesystem("pool/a", snap("a1", 1), snap("x2", 2));
        receiver.resumeToken("pool/a", TestResumeTokens.token(snap("x2", 2).guid(), snap("a4", 4).guid(),
                "pool/a@a4"));

        ReplicationReport r = realPlanner(true).run(sender, receiver);

        FilesystemReport a = byFs(r).get("pool/a");
        assertThat(a.state()).isEqualTo(FilesystemState.FAILED);
        assertThat(a.conflict()).contains(ConflictKind.STALE_RESUME_TOKEN);
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void abortStaleTokenWithNothingToSendIsDone() {
        sender.filesystem("pool/a", snap("a1", 1));
        receiver.filesystem("pool/a", snap("a1", 1));
        receiver.resumeToken("pool/a", TestResumeTokens.token(snap("a1", 1).guid(), snap("a2", 2).guid(),
                "pool/a@a2"));

        ReplicationReport r = realPlanner(true).run(sender, receiver);

        assertThat(byFs(r).get("pool/a").state()).isEqualTo(FilesystemState.DONE);
        assertThat(receiver.received).isEmpty();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
