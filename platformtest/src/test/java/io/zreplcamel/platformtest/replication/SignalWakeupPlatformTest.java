package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.snap.WithDaemonWorkDir;
import io.zreplcamel.platformtest.snap.RunningDaemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A push job with {@code snapshotting: manual} and a sink over the {@code local} transport, on real OpenZFS: the
 * daemon's timer ticks but nothing is replicated until {@code zrepl-camel signal wakeup push --wait} (the CLI
 * in-process, over the daemon's real control socket) replicates the admin's snapshot; it exits 0 once that run ended,
 * and the sink has the snapshot with the sender's guid. No snapshot is taken by the wakeup.
 */
@PlatformTest
class SignalWakeupPlatformTest extends WithDaemonWorkDir {

    @Test
    void aManualPushReplicatesOnlyWhenWokenUpAndWaitEndsWithTheRun(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String sinkRoot = pool.ds("sink");
        Sh.bash("zfs create " + src + " && zfs create " + sinkRoot + " && head -c 65536 /dev/urandom > "
                + pool.mountpoint("src") + "/data && zfs snapshot " + src + "@admin1").check();
        Path sock = work.resolve("run/control");
        Path config = writeManualPushConfig(src, sinkRoot, sock);

        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        Cli wakeup;
        Cli passive;
        try {
            // the daemon's routes are installed and its timer ticks, yet nothing runs by itself
            awaitTicks(daemon, "job-push-push", 20);
            assertThat(daemon.remainingEvents()).isEmpty();
            assertThat(pool.zfs("list", "-H", "-o", "name", "-r", sinkRoot).check().lines())
                    .containsExactly(sinkRoot);
            assertThat(Files.getPosixFilePermissions(sock, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

            passive = Cli.run("signal", "wakeup", "sink", "--config", config.toString());
            wakeup = Cli.run("signal", "wakeup", "push", "--wait", "--config", config.toString());
        } finally {
            daemon.stop();
        }
        assertThat(passive.exit).as(passive.err).isEqualTo(1);
        assertThat(passive.err).contains("job sink is a sink job: passive jobs cannot be woken up");
        assertThat(wakeup.exit).as("stdout %s, stderr %s", wakeup.out, wakeup.err).isZero();
        assertThat(wakeup.out).startsWith("job push: invocation finished: 1/1 filesystem(s) replicated");
        List<Map<String, Object>> runs = daemon.remainingEvents();
        assertThat(runs).singleElement().satisfies(run -> assertThat(run).containsEntry("job", "push")
                .containsEntry("ok", true));
        assertThat(sock).as("the socket is removed when the daemon stops").doesNotExist();

        String received = sinkRoot + "/laptop/" + src;
        assertThat(guid(pool, received + "@admin1")).isEqualTo(guid(pool, src + "@admin1"));
        // a wakeup replicates, it never snapshots
        assertThat(pool.zfs("list", "-H", "-o", "name", "-t", "snapshot", src).check().lines())
                .containsExactly(src + "@admin1");
    }

    @Test
    void aResetCancelsTheRunningReceiveAndTheNextWakeupCompletesIt(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String sinkRoot = pool.ds("sink");
        // big enough that the receive is still running when the reset arrives (the guest is slow, not that slow)
        Sh.bash("zfs create -o compression=off " + src + " && zfs create " + sinkRoot + " && head -c 100663296"
                + " /dev/urandom > " + pool.mountpoint("src") + "/data && zfs snapshot " + src + "@admin1").check();
        Path sock = work.resolve("run/control");
        Path config = writeManualPushConfig(src, sinkRoot, sock);
        String cfg = config.toString();
        RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 100);
        Cli during;
        Cli reset;
        Cli first;
        Cli second;
        try {
            awaitTicks(daemon, "job-push-push", 5);
            java.util.concurrent.CompletableFuture<Cli> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Cli.run("signal", "wakeup", "push", "--wait", "--config", cfg));
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (zfsReceives().isEmpty()) {
                assertThat(waiting).as("the run ended before its receive was seen: %s", waiting.getNow(null))
                        .isNotDone();
                assertThat(System.nanoTime()).as("a zfs receive within 3 minutes").isLessThan(deadline);
                Thread.sleep(10);
            }
            during = Cli.run("signal", "wakeup", "push", "--config", cfg);
            reset = Cli.run("signal", "reset", "push", "--config", cfg);
            first = waiting.get(3, java.util.concurrent.TimeUnit.MINUTES);
            // the reset run's steps killed their receive before the run ended (SIGKILL: gone once the kernel let go)
            long gone = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!zfsReceives().isEmpty()) {
                assertThat(System.nanoTime()).as("zfs receive left after the reset run: %s", zfsReceives())
                        .isLessThan(gone);
                Thread.sleep(10);
            }
            second = Cli.run("signal", "wakeup", "push", "--wait", "--config", cfg);
        } finally {
            daemon.stop();
        }
        assertThat(during.exit).isEqualTo(1);
        assertThat(during.err).contains("job push: already woken up (a run is in progress");
        assertThat(reset.exit).as(reset.err).isZero();
        assertThat(reset.out).startsWith("job push: reset");
        assertThat(first.exit).as("stdout %s, stderr %s", first.out, first.err).isEqualTo(1);
        assertThat(first.err).startsWith("job push: invocation finished with errors: 0/1 filesystem(s) replicated");
        assertThat(second.exit).as("stdout %s, stderr %s", second.out, second.err).isZero();
        assertThat(second.out).startsWith("job push: invocation finished: 1/1 filesystem(s) replicated");
        List<Map<String, Object>> runs = daemon.remainingEvents();
        assertThat(runs).extracting(r -> r.get("ok")).containsExactly(false, true);
        String received = sinkRoot + "/laptop/" + src;
        assertThat(guid(pool, received + "@admin1")).isEqualTo(guid(pool, src + "@admin1"));
        assertThat(pool.zfs("get", "-H", "-o", "value", "receive_resume_token", received).check().lines())
                .containsExactly("-");
    }

    /** The {@code zfs receive} processes running now (this JVM's children or not). */
    private static List<ProcessHandle> zfsReceives() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/zfs")).orElse(false)
                && p.info().arguments().map(a -> a.length > 0 && (a[0].equals("receive") || a[0].equals("recv")))
                .orElse(false)).toList();
    }

    private static String guid(TestPool pool, String snapshot) {
        return pool.zfs("get", "-H", "-p", "-o", "value", "guid", snapshot).check().lines().get(0);
    }

    /** Waits for {@code n} more ticks of the route's timer (finished exchanges, from the route's JMX counters). */
    private static void awaitTicks(RunningDaemon daemon, String routeId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long start = -1;
        while (true) {
            ManagedRouteMBean route = daemon.context().getCamelContextExtension()
                    .getContextPlugin(ManagedCamelContext.class).getManagedRoute(routeId);
            long done = route == null ? -1 : route.getExchangesCompleted();
            if (start < 0 && done >= 0) {
                start = done;
            }
            if (start >= 0 && done >= start + n) {
                return;
            }
            assertThat(System.nanoTime()).as("%d ticks of %s", n, routeId).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The CLI in this JVM, as an admin would run it next to the daemon. */
    private record Cli(int exit, String out, String err) {

        static Cli run(String... args) {
            CommandLine cmd = ZreplCamelCli.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute(args);
            return new Cli(exit, out.toString(), err.toString());
        }
    }

    /** A push job with manual snapshotting (runs only when woken) and its sink, keeping everything on both sides. */
    private Path writeManualPushConfig(String src, String sinkRoot, Path sock) throws IOException {
        return Files.writeString(work.resolve("zrepl.yml"), """
                global:
                  control:
                    sockpath: "%3$s"
                jobs:
                  - name: push
                    type: push
                    connect: {type: local, listener_name: backup, client_identity: laptop}
                    filesystems: {"%1$s": true}
                    snapshotting: {type: manual}
                    pruning:
                      keep_sender: [{type: not_replicated}, {type: regex, regex: ".*"}]
                      keep_receiver: [{type: regex, regex: ".*"}]
                  - name: sink
                    type: sink
                    root_fs: "%2$s"
                    serve: {type: local, listener_name: backup}
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(src, sinkRoot, sock));
    }
}
