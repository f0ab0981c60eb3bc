package io.zreplcamel.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zreplcamel.app.cli.CliRun;
import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlServer;
import io.zreplcamel.app.control.JobSignalHandler;
import io.zreplcamel.app.jmx.JobControl;
import io.zreplcamel.app.jobs.ActiveInvocation;
import io.zreplcamel.app.jobs.JobEndpoints;
import io.zreplcamel.app.jobs.JobRoutes;
import io.zreplcamel.app.jobs.UnusedEndpoints;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} against the bundled job routes, through the real control socket and the CLI: a woken push job whose
 * invocation is held mid-replication shows up as running, replicating, with its attempt and per-filesystem progress;
 * once it ended, as waiting with its last run; the sink lists the client it served; the snap job its manual
 * schedule. A recording invocation stands in for the engine.
 */
class StatusRoutesTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final JobEndpoints endpoints = UnusedEndpoints.INSTANCE;

    private static ReplicationReport replication(Instant started, boolean finished) {
        FilesystemReport a = new FilesystemReport("tank/a", finished ? FilesystemState.DONE : FilesystemState.STEPPING,
                finished ? 2 : 1, 2, 3L << 20, finished ? 3L << 20 : 1L << 20,
                finished ? Optional.empty() : Optional.of("tank/a@s1 => tank/a@s2"), Optional.empty(),
                Optional.empty());
        FilesystemReport b = new FilesystemReport("tank/b", FilesystemState.FAILED, 0, 1, 0, 0, Optional.empty(),
                Optional.of("tank/b: the receiver has a newer snapshot"), Optional.empty());
        return new ReplicationReport(started, finished ? Optional.of(started.plusSeconds(3)) : Optional.empty(),
                List.of(new AttemptReport(1, started, finished ? Optional.of(started.plusSeconds(3))
                        : Optional.empty(), finished ? AttemptState.FILESYSTEM_ERROR : AttemptState.STEPPING,
                        Optional.empty(), List.of(a, b))));
    }

    /** An invocation that shows a replication in progress until it is released. */
    private static final class HeldInvocation implements ActiveInvocation {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile ReplicationReport current;
        volatile String phase;

        @Override
        public InvocationReport invoke(Sender sender, Receiver receiver) {
            Instant started = Instant.now();
            current = replication(started, false);
            phase = "replicating";
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            current = replication(started, true);
            phase = null;
            return new InvocationReport("backup", started, Instant.now(), current,
                    new PruningReport("sender", List.of("tank/a@old"), Map.of(), Optional.empty()),
                    new PruningReport("receiver", List.of(), Map.of("backups/tank/a@x", "held"), Optional.empty()));
        }

        @Override
        public Optional<String> phase() {
            return Optional.ofNullable(phase);
        }

        @Override
        public Optional<ReplicationReport> currentReplication() {
            return Optional.ofNullable(current);
        }
    }

    private static final String CONFIG = """
            global: {control: {sockpath: "%s"}}
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
              - name: snaps
                type: snap
                filesystems: {"tank<": true}
                snapshotting: {type: manual}
                pruning: {keep: [{type: last_n, count: 3}]}
            """;

    @Test
    void aRunningReplicationThenItsLastRunThroughTheSocketAndTheCli() throws Exception {
        HeldInvocation held = new HeldInvocation();
        Path sock = dir.resolve("run/control");
        Path config = Files.writeString(dir.resolve("zrepl.yml"), CONFIG.formatted(sock));
        context.getComponent("zfs", io.zreplcamel.zfs.component.ZfsComponent.class).getConfiguration()
                .setZfsCommand("/bin/false"); // nothing here may run zfs
        var resources = org.apache.camel.support.PluginHelper.getResourceLoader(context);
        for (String f : List.of("push-job", "sink-job", "snap-job")) {
            org.apache.camel.support.PluginHelper.getRoutesLoader(context).loadRoutes(
                    resources.resolveResource("classpath:zrepl-routes/" + f + ".yaml"));
        }
        JobRoutes routes = new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC,
                Map.of("eventsUri", "mock:events", "tickMillis", "20"), endpoints, job -> held);
        routes.install(ConfigLoader.load(config));
        JobSignalHandler signals = new JobSignalHandler(() -> Optional.of(new JobSignalHandler.Jobs(
                routes.jobTypes(), routes.signals())));
        StatusHandler status = new StatusHandler(() -> Optional.of(routes.statusSources()), Clock.systemUTC(),
                Map.of("ZREPL_REPLICATION_MAX_ATTEMPTS", "5", "HOME", "/root"));

        List<javax.management.ObjectName> mbeans = JobControl.register(routes.statusSources(), signals);
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName backupBean = JobControl.objectName("backup");
        assertThat(mbeans).containsExactly(backupBean, JobControl.objectName("vault"), JobControl.objectName("snaps"));
        assertThat(backupBean.toString()).isEqualTo("io.zreplcamel:type=Job,name=\"backup\"");

        try (ControlServer ignored = ControlServer.start(sock, status.orElse(signals))) {
            CliRun idle = CliRun.of("status", "--mode", "raw", "--config", config.toString());
            assertThat(idle.exit()).as(idle.err()).isZero();
            JsonNode before = JSON.readTree(idle.out());
            assertThat(before.path("daemon").path("environment").toString())
                    .isEqualTo("{\"ZREPL_REPLICATION_MAX_ATTEMPTS\":\"5\"}");
            assertThat(before.path("jobs").fieldNames()).toIterable().containsExactly("backup", "vault", "snaps");
            assertThat(before.at("/jobs/backup/state").asText()).isEqualTo("waiting");
            assertThat(before.at("/jobs/backup/lastRun").isNull()).isTrue();
            assertThat(before.at("/jobs/snaps/type").asText()).isEqualTo("snap");

            CompletableFuture<?> run = CompletableFuture.runAsync(() -> signals.handle(
                    ControlRequest.wakeup("backup", true)));
            assertThat(held.entered.await(30, TimeUnit.SECONDS)).isTrue();

            JsonNode running = JSON.readTree(CliRun.of("status", "--mode", "raw", "--job", "backup", "--config",
                    config.toString()).out());
            assertThat(running.path("jobs").fieldNames()).toIterable().containsExactly("backup");
            JsonNode job = running.at("/jobs/backup");
            assertThat(jmx.getAttribute(backupBean, "State")).isEqualTo("running");
            assertThat(jmx.getAttribute(backupBean, "Phase")).isEqualTo("replicating");
            assertThat(jmx.invoke(backupBean, "wakeup", null, null)).asString()
                    .startsWith("refused: job backup: already woken up");
            assertThat(job.path("state").asText()).isEqualTo("running");
            assertThat(job.path("phase").asText()).isEqualTo("replicating");
            assertThat(job.path("runStarted").isTextual()).isTrue();
            assertThat(job.at("/replication/attempts/0/state").asText()).isEqualTo("stepping");
            assertThat(job.at("/replication/bytesExpected").asLong()).isEqualTo(3L << 20);
            assertThat(job.at("/replication/bytesReplicated").asLong()).isEqualTo(1L << 20);
            assertThat(job.at("/replication/filesystems/0/step").asText()).isEqualTo("tank/a@s1 => tank/a@s2");

            CliRun dump = CliRun.of("status", "--job", "backup", "--config", config.toString());
            assertThat(dump.exit()).isZero();
            assertThat(dump.out()).startsWith("Job: backup\nType: push\nState: running (replicating), started ")
                    .contains("  Attempt #1: stepping (started ")
                    .contains("  Progress: [================>---------------------------------] 1.0 MiB / 3.0 MiB")
                    .contains("  * tank/a STEPPING (step 2/2, 1.0 MiB/3.0 MiB) next: tank/a@s1 => tank/a@s2\n")
                    .contains("    tank/b FAILED (step 0/1, 0 B/0 B) ERROR: tank/b: the receiver has a newer"
                            + " snapshot\n")
                    .contains("Next run: manual (only on signal wakeup)\n")
                    .endsWith("Last run: none yet\n");

            held.release.countDown();
            run.get(30, TimeUnit.SECONDS);
            JsonNode after = JSON.readTree(CliRun.of("status", "--mode", "raw", "--config", config.toString()).out());
            assertThat(after.at("/jobs/backup/state").asText()).isEqualTo("waiting");
            assertThat(after.at("/jobs/backup/lastRunFailed").asBoolean()).isTrue();
            assertThat(jmx.getAttribute(backupBean, "State")).isEqualTo("waiting");
            assertThat(jmx.getAttribute(backupBean, "LastRunFailed")).isEqualTo(true);
            assertThat((String) jmx.getAttribute(backupBean, "LastRunSummary"))
                    .isEqualTo(after.at("/jobs/backup/lastRunSummary").asText());
            assertThat(jmx.getAttribute(backupBean, "LastRunFinished"))
                    .isEqualTo(after.at("/jobs/backup/lastRun/finished").asText());
            assertThat(jmx.getAttribute(JobControl.objectName("vault"), "State")).isEqualTo("serving");
            assertThat(jmx.getAttribute(JobControl.objectName("snaps"), "NextRun")).isEqualTo("manual");
            assertThat(jmx.invoke(JobControl.objectName("vault"), "reset", null, null)).asString()
                    .startsWith("refused: job vault is a sink job");
            assertThat(after.at("/jobs/backup/phase").isNull()).isTrue();
            assertThat(after.at("/jobs/backup/lastRun/type").asText()).isEqualTo("push-run");
            assertThat(after.at("/jobs/backup/lastRunSummary").asText())
                    .startsWith("invocation finished with errors: 1/2 filesystem(s) replicated in 1 attempt(s)");
            assertThat(after.at("/jobs/vault/state").asText()).isEqualTo("serving");
            assertThat(after.at("/jobs/vault/clients").toString()).isEqualTo("[]");
            assertThat(after.at("/jobs/snaps/nextRun").asText()).isEqualTo("manual");

            String text = CliRun.of("status", "--config", config.toString()).out();
            assertThat(text).contains("Pruning Sender: destroyed 1 snapshot(s)\n")
                    .contains("Pruning Receiver: destroyed 0 snapshot(s), 1 not pruned\n  backups/tank/a@x: held\n")
                    .contains("Last run: ").contains("Job: vault\nType: sink\nState: serving\n"
                            + "Clients served: none yet\n");

            CliRun unknown = CliRun.of("status", "--job", "nope", "--config", config.toString());
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("zrepl-camel status: Job nope does not exist\n");
            CliRun interactive = CliRun.of("status", "--mode", "interactive", "--config", config.toString());
            assertThat(interactive.exit()).isEqualTo(2);

            // version --show daemon|all asks the same daemon; zrepl's word order works for both verbs
            CliRun daemonVersion = CliRun.of("--config", config.toString(), "version", "--show", "daemon");
            assertThat(daemonVersion.exit()).as(daemonVersion.err()).isZero();
            assertThat(daemonVersion.out()).matches("daemon: zrepl-camel "
                    + java.util.regex.Pattern.quote(io.zreplcamel.app.BuildInfo.version()) + " \\(pid "
                    + ProcessHandle.current().pid() + ", started \\S+\\)\n");
            CliRun all = CliRun.of("version", "--show", "all", "--config", config.toString());
            assertThat(all.exit()).isZero();
            assertThat(all.out()).startsWith("zrepl-camel " + io.zreplcamel.app.BuildInfo.version() + "\njava ")
                    .endsWith(daemonVersion.out());
            assertThat(all.err()).isEmpty();
            assertThat(CliRun.of("--config", config.toString(), "status", "--job", "snaps").out())
                    .startsWith("Job: snaps\n");

            // a wakeup over JMX is a signal wakeup: the job runs again
            Object firstEnd = jmx.getAttribute(backupBean, "LastRunFinished");
            assertThat(jmx.invoke(backupBean, "wakeup", null, null)).isEqualTo("job backup: woken up");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (jmx.getAttribute(backupBean, "LastRunFinished").equals(firstEnd)) {
                assertThat(System.nanoTime()).as("the run woken over JMX ended").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        JobControl.unregister(mbeans);
        assertThat(jmx.isRegistered(backupBean)).isFalse();
        CliRun gone = CliRun.of("version", "--show", "daemon", "--config", config.toString());
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).startsWith("zrepl-camel version: no control socket at " + sock);
    }
}
