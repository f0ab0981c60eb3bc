package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import io.zreplcamel.app.control.JobSignalHandler;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import io.zreplcamel.zfs.component.ZfsComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signal wakeup|reset} through the control handler against the bundled job routes, with a recording
 * invocation in place of the engine and a fake zfs: manual jobs do nothing on their ticks and run once per wakeup
 * (a push without snapshots), a wakeup during a run is refused as in zrepl, {@code --wait} learns how the run ended,
 * a reset cancels the invocation (and leaves the timer thread uninterrupted), passive and unknown jobs are refused.
 * Waiting for "nothing happened" counts the timer's ticks (finished exchanges of the job's route), not time.
 */
class WakeupRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private FakeZfsPool pool;
    private final List<String> invocations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> ticks = new ConcurrentHashMap<>();
    private volatile BiFunction<String, Integer, InvocationReport> invocation = (job, n) -> report(job, true);

    @Override
    protected void doPostSetup() throws Exception {
        pool = FakeZfsPool.create(dir, "tank", "tank/a");
        context.getComponent("zfs", ZfsComponent.class).getConfiguration().setZfsCommand(pool.script().toString());
        var resources = PluginHelper.getResourceLoader(context);
        for (String f : List.of("push-job", "pull-job", "sink-job", "source-job", "snap-job")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    resources.resolveResource("classpath:zrepl-routes/" + f + ".yaml"));
        }
        EventNotifierSupport counter = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent e && e.getExchange().getFromRouteId() != null) {
                    ticks.computeIfAbsent(e.getExchange().getFromRouteId(), k -> new AtomicLong()).incrementAndGet();
                }
            }
        };
        context.getManagementStrategy().addEventNotifier(counter);
        counter.start();
    }

    private final JobEndpoints endpoints = UnusedEndpoints.INSTANCE;

    private static InvocationReport report(String job, boolean done) {
        Instant now = Instant.now();
        FilesystemReport fs = new FilesystemReport("tank/a", done ? FilesystemState.DONE : FilesystemState.FAILED,
                1, done ? 1 : 0, 100, done ? 100 : 0, done ? Optional.empty() : Optional.of("tank/a: interrupted"),
                Optional.empty(), Optional.empty());
        ReplicationReport r = new ReplicationReport(now, Optional.of(now), List.of(new AttemptReport(1, now,
                Optional.of(now), done ? AttemptState.DONE : AttemptState.FILESYSTEM_ERROR, Optional.empty(),
                List.of(fs))));
        return new InvocationReport(job, now, now, r, new PruningReport("sender", List.of(), Map.of(),
                Optional.empty()), new PruningReport("receiver", List.of(), Map.of(), Optional.empty()));
    }

    private JobSignalHandler install(String yaml) throws Exception {
        JobRoutes routes = new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC,
                Map.of("eventsUri", "mock:events", "tickMillis", "20"), endpoints,
                job -> (sender, receiver) -> {
                    invocations.add(job.name());
                    return invocation.apply(job.name(), invocations.size());
                });
        routes.install(ConfigLoader.load(Files.writeString(dir.resolve("zrepl.yml"), yaml)));
        return new JobSignalHandler(() -> Optional.of(new JobSignalHandler.Jobs(routes.jobTypes(),
                routes.signals())));
    }

    /** Waits until the route's timer fired {@code n} more times (each tick is one finished exchange). */
    private void awaitTicks(String routeId, int n) throws InterruptedException {
        AtomicLong count = ticks.computeIfAbsent(routeId, k -> new AtomicLong());
        long target = count.get() + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count.get() < target) {
            assertThat(System.nanoTime()).as("%d ticks of %s", n, routeId).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static final String MANUAL_PUSH = """
            jobs:
              - name: backup
                type: push
                connect: {type: local, listener_name: vault, client_identity: laptop}
                filesystems: {"tank<": true}
                snapshotting: {type: manual}
                pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
              - name: vault
                type: sink
                root_fs: backups
                serve: {type: local, listener_name: vault}
            """;

    @Test
    void aManualPushDoesNothingOnItsTicksAndReplicatesOncePerWakeupWithoutSnapshots() throws Exception {
        JobSignalHandler handler = install(MANUAL_PUSH);
        awaitTicks("job-backup-push", 10);
        assertThat(invocations).isEmpty();
        MockEndpoint events = getMockEndpoint("mock:events");
        assertThat(events.getReceivedCounter()).isZero();

        ControlResponse r = handler.handle(ControlRequest.wakeup("backup", true));
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(r.run()).hasValueSatisfying(run -> {
            assertThat(run.failed()).isFalse();
            assertThat(run.summary()).startsWith("invocation finished: 1/1 filesystem(s) replicated");
        });
        assertThat(invocations).containsExactly("backup");
        assertThat(pool.calls()).noneMatch(c -> c.startsWith("snapshot"));
        events.expectedMessageCount(1);
        events.assertIsSatisfied();

        awaitTicks("job-backup-push", 10);
        assertThat(invocations).containsExactly("backup");
        assertThat(handler.handle(ControlRequest.wakeup("backup", true)).run()).isPresent();
        assertThat(invocations).containsExactly("backup", "backup");
    }

    @Test
    void aWokenPeriodicPushReplicatesWithoutSnapshotsAndKeepsItsSchedule() throws Exception {
        JobSignalHandler handler = install(MANUAL_PUSH.replace("snapshotting: {type: manual}",
                "snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}"));
        // no zrepl_ snapshot yet: the first scheduled run is due at once, the next one an hour later
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        events.assertIsSatisfied();
        List<String> snapshotCalls = pool.calls().stream().filter(c -> c.startsWith("snapshot")).toList();
        assertThat(snapshotCalls).hasSize(2); // tank and tank/a
        String nextRun = (String) new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                events.getExchanges().get(0).getMessage().getBody(String.class), Map.class).get("nextRun");

        ControlResponse r = handler.handle(ControlRequest.wakeup("backup", true));
        assertThat(r.run()).hasValueSatisfying(run -> assertThat(run.summary())
                .startsWith("invocation finished: 1/1 filesystem(s) replicated")
                .endsWith(", next run " + nextRun));
        assertThat(invocations).containsExactly("backup", "backup");
        assertThat(pool.calls().stream().filter(c -> c.startsWith("snapshot")).toList()).isEqualTo(snapshotCalls);
    }

    @Test
    void aWakeupDuringARunIsRefusedAndTheRunEndsOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        invocation = (job, n) -> {
            started.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return report(job, true);
        };
        JobSignalHandler handler = install(MANUAL_PUSH);
        assertThat(handler.handle(ControlRequest.wakeup("backup", false)))
                .isEqualTo(ControlResponse.ok("job backup: woken up"));
        // before the woken run started, or while it runs: the same run, refused as zrepl does
        ControlResponse again = handler.handle(ControlRequest.wakeup("backup", false));
        assertThat(again.ok()).isFalse();
        assertThat(again.message()).startsWith("job backup: already woken up");
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        ControlResponse during = handler.handle(ControlRequest.wakeup("backup", true));
        assertThat(during.ok()).isFalse();
        assertThat(during.message()).startsWith("job backup: already woken up (a run is in progress");
        release.countDown();

        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        events.assertIsSatisfied();
        awaitTicks("job-backup-push", 10);
        assertThat(invocations).containsExactly("backup");
        assertThat(events.getReceivedCounter()).isEqualTo(1);
    }

    @Test
    void aResetCancelsTheRunningInvocationAndAWaitingWakeupSeesItFail() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<Boolean> interruptedAtStart = new CopyOnWriteArrayList<>();
        invocation = (job, n) -> {
            interruptedAtStart.add(Thread.currentThread().isInterrupted());
            if (n > 1) {
                return report(job, true);
            }
            started.countDown();
            try {
                Thread.sleep(60_000);
                return report(job, true);
            } catch (InterruptedException e) {
                // as the replication driver: the run ends early, its filesystems failed, the flag set again
                Thread.currentThread().interrupt();
                return report(job, false);
            }
        };
        JobSignalHandler handler = install(MANUAL_PUSH);
        assertThat(handler.handle(ControlRequest.reset("backup")).message())
                .isEqualTo("job backup: not running an invocation (nothing to reset)");
        CompletableFuture<ControlResponse> waiting = CompletableFuture.supplyAsync(
                () -> handler.handle(ControlRequest.wakeup("backup", true)));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(handler.handle(ControlRequest.reset("backup")))
                .isEqualTo(ControlResponse.ok("job backup: reset: the running invocation is being cancelled"));
        ControlResponse r = waiting.get(30, TimeUnit.SECONDS);
        assertThat(r.ok()).isTrue();
        assertThat(r.run()).hasValueSatisfying(run -> {
            assertThat(run.failed()).isTrue();
            assertThat(run.summary()).startsWith("invocation finished with errors: 0/1 filesystem(s) replicated");
        });
        // the timer's thread is not left interrupted: the next run starts clean and succeeds
        ControlResponse next = handler.handle(ControlRequest.wakeup("backup", true));
        assertThat(next.run()).hasValueSatisfying(run -> assertThat(run.failed()).isFalse());
        assertThat(interruptedAtStart).containsExactly(false, false);
    }

    @Test
    void passiveAndUnknownJobsAreRefusedAndAManualPullRunsOnWakeup() throws Exception {
        JobSignalHandler handler = install("""
                jobs:
                  - name: fetch
                    type: pull
                    connect: {type: local, listener_name: prod, client_identity: backupserver}
                    root_fs: backups
                    interval: manual
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                  - name: prod
                    type: source
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    serve: {type: local, listener_name: prod}
                """);
        assertThat(handler.handle(ControlRequest.wakeup("nope", false)))
                .isEqualTo(ControlResponse.error("Job nope does not exist"));
        assertThat(handler.handle(ControlRequest.wakeup("prod", true))).isEqualTo(ControlResponse.error(
                "job prod is a source job: passive jobs cannot be woken up (they serve their peer; signal the active"
                        + " push or pull job instead)"));
        assertThat(handler.handle(ControlRequest.reset("prod")).message())
                .startsWith("job prod is a source job: passive jobs cannot be reset");
        awaitTicks("job-fetch-pull", 5);
        assertThat(invocations).isEmpty();
        ControlResponse r = handler.handle(ControlRequest.wakeup("fetch", true));
        assertThat(r.run()).hasValueSatisfying(run -> assertThat(run.failed()).isFalse());
        assertThat(invocations).containsExactly("fetch");
    }

    @Test
    void aWokenSnapJobPrunesWithoutSnapshotting() throws Exception {
        long recent = Instant.now().getEpochSecond() - 120;
        pool.addSnapshot("tank/a@zrepl_1", recent);
        pool.addSnapshot("tank/a@zrepl_2", recent + 60);
        // periodic, last snapshot a minute ago: the next scheduled run is an hour away
        JobSignalHandler handler = install("""
                jobs:
                  - name: hourly
                    type: snap
                    filesystems: {"tank/a": true}
                    snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}
                    pruning: {keep: [{type: last_n, count: 1}]}
                """);
        awaitTicks("job-hourly-snap", 5);
        assertThat(pool.snapshots()).containsExactly("tank/a@zrepl_1", "tank/a@zrepl_2");
        assertThat(handler.handle(ControlRequest.reset("hourly")).message())
                .isEqualTo("job hourly: a snap job cannot be reset (only woken up)");

        ControlResponse r = handler.handle(ControlRequest.wakeup("hourly", true));
        assertThat(r.run()).hasValueSatisfying(run -> {
            assertThat(run.failed()).as(run.summary()).isFalse();
            assertThat(run.summary()).startsWith("run finished: 0 snapshot(s) taken, 1 destroyed, next run");
        });
        assertThat(pool.snapshots()).containsExactly("tank/a@zrepl_2");
        assertThat(pool.calls()).noneMatch(c -> c.startsWith("snapshot"));
    }
}
