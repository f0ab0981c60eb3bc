package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.zfs.component.ZfsComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snap job's routes across the life of a Camel context: a context restart (JMX stop/start) leaves the jobs
 * working, a failing {@code zfs list} is retried one interval later (not on every tick), job names never share a
 * Quartz timer, and a config with a transport that does not run yet installs nothing.
 */
class JobRoutesLifecycleTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private FakeZfsPool pool;

    @Override
    protected void doPostSetup() throws Exception {
        pool = FakeZfsPool.create(dir, "tank", "tank/a");
        context.getComponent("zfs", ZfsComponent.class).getConfiguration().setZfsCommand(pool.script().toString());
        var resources = PluginHelper.getResourceLoader(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                resources.resolveResource("classpath:zrepl-routes/snap-job.yaml"));
    }

    private List<String> install(String interval, String... jobNames) throws Exception {
        StringBuilder yaml = new StringBuilder("jobs:\n");
        for (String name : jobNames) {
            yaml.append("""
                      - name: "%s"
                        type: snap
                        filesystems: {"tank<": true}
                        snapshotting: {type: periodic, prefix: zrepl_, interval: %s}
                        pruning: {keep: [{type: last_n, count: 2}]}
                    """.formatted(name, interval));
        }
        ZreplConfig config = ConfigLoader.load(Files.writeString(dir.resolve("zrepl.yml"), yaml.toString()));
        return new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC,
                Map.of("eventsUri", "mock:events", "tickMillis", "50")).install(config);
    }

    private long listCalls() {
        return pool.calls().stream().filter(c -> c.startsWith("list")).count();
    }

    @Test
    void jobsKeepRunningAfterAContextRestart() throws Exception {
        install("1s", "snapjob");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.setMinimumExpectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();

        context.stop();
        // Stopping a context drops its components; the daemon's zfs is the one on PATH, this test's is a script,
        // so give the restarted context a component configured like the first.
        ZfsComponent fresh = new ZfsComponent();
        fresh.getConfiguration().setZfsCommand(pool.script().toString());
        context.addComponent("zfs", fresh);
        long snapshotCallsBefore = snapshotCalls();
        context.start();
        events = getMockEndpoint("mock:events");
        events.reset();
        events.setMinimumExpectedMessageCount(2);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
        // a run that could not list or snapshot (a closed zfs layer) would still publish an event, marked not ok
        assertThat(snapshotCalls()).as("zfs snapshot calls after the restart").isGreaterThan(snapshotCallsBefore);
        assertThat(events.getExchanges()).allSatisfy(e ->
                assertThat(e.getMessage().getBody(String.class)).contains("\"ok\":true"));
    }

    private long snapshotCalls() {
        return pool.calls().stream().filter(c -> c.startsWith("snapshot")).count();
    }

    @Test
    void aFailingZfsListIsRetriedAnIntervalLaterNotOnEveryTick() throws Exception {
        pool.breakList(true);
        install("1h", "snapjob");
        awaitFirstList();
        // 50 ms ticks for 2 s: 40 chances to list again
        Thread.sleep(2_000);
        assertThat(listCalls()).as("zfs list calls while the first one failed").isEqualTo(1);
        assertThat(getMockEndpoint("mock:events").getReceivedCounter()).isZero();
    }

    @Test
    void aShortIntervalRetriesAfterThatInterval() throws Exception {
        pool.breakList(true);
        install("3s", "snapjob");
        awaitFirstList();
        Thread.sleep(1_000);
        assertThat(listCalls()).isEqualTo(1);
        pool.breakList(false);
        MockEndpoint events = getMockEndpoint("mock:events");
        events.setMinimumExpectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
    }

    private void awaitFirstList() throws InterruptedException {
        for (int i = 0; i < 400 && listCalls() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(listCalls()).as("the first tick lists the datasets").isGreaterThanOrEqualTo(1);
    }

    @Test
    void timerNamesDifferForDifferentJobNames() {
        List<String> tricky = List.of("backup-x a", "backup-x:a", "backup-x_a", "backup-x_20a", "backup-x_3Aa",
                "a", "A", "a.b", "a-b", "a_b", "a b", "ä", "a_C3_A4", "x".repeat(100), "x".repeat(99) + "y");
        Map<String, String> seen = new HashMap<>();
        for (String name : tricky) {
            String timer = JobRoutes.timerName(name);
            assertThat(timer).matches("[A-Za-z0-9._-]+");
            assertThat(seen.put(timer, name)).as("timer %s of %s", timer, name).isNull();
        }
        Random random = new Random(42);
        String alphabet = "ab_: -.ä/";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String name = s.toString();
            String previous = seen.put(JobRoutes.timerName(name), name);
            assertThat(previous == null || previous.equals(name)).as("%s and %s", previous, name).isTrue();
        }
    }

    @Test
    void twoJobsWhoseNamesDifferOnlyInPunctuationBothRun() throws Exception {
        List<String> ids = install("1s", "backup-x a", "backup-x:a");
        assertThat(ids).containsExactly("job-backup-x a-snap", "job-backup-x:a-snap");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.setMinimumExpectedMessageCount(2);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
    }

    @Test
    void aTransportWhoseFilesCannotBeReadInstallsNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("push.yml"), """
                jobs:
                  - name: snaps
                    type: snap
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    pruning: {keep: [{type: last_n, count: 2}]}
                  - name: backup
                    type: push
                    connect: {type: tls, address: "backup.example:8888", ca: /c, cert: /c, key: /k, server_cn: b}
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                """);
        ZreplConfig config = ConfigLoader.load(file, new io.zreplcamel.config.LoadOptions(true,
                io.zreplcamel.config.Unimplemented.NONE));
        JobRoutes routes = new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC, Map.of());
        assertThatThrownBy(() -> routes.install(config)).hasMessageStartingWith("job backup: connect: ")
                .hasMessageContaining("/c");
        assertThat(context.getRoutes()).isEmpty();
    }
}
