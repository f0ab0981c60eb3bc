package io.zreplcamel.platformtest.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.Trees;
import io.zreplcamel.platformtest.snap.RunningDaemon;
import io.zreplcamel.platformtest.snap.WithDaemonWorkDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ssh+stdinserver through real OpenSSH, on real OpenZFS: a sink daemon ({@code zrepl-camel daemon}, a JVM of its
 * own) serves {@code stdinserver} for client identity {@code alice}; a test sshd on a loopback port has one key,
 * whose forced command is {@code zrepl-camel stdinserver alice}; a push daemon (in this JVM) connects with {@code
 * ssh+stdinserver} through the system {@code ssh} and that key. Two runs replicate two filesystems (full, then
 * incremental) into {@code <sink root>/alice/...}; the received snapshots carry the sender's guids and the files of
 * the newest received one have the sender's checksums, and sshd's log shows the logins went through it.
 */
@PlatformTest
class SshStdinserverPlatformTest extends WithDaemonWorkDir {

    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(10);

    @Test
    void pushOverSshStdinserverReplicatesIntoTheSinkAsTheKeysIdentity(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String child = pool.ds("src/child");
        String sinkRoot = pool.ds("sink");
        Sh.bash("zfs create " + src + " && zfs create " + child + " && zfs create " + sinkRoot).check();
        Trees.writeRandomFiles(pool.mountpoint("src"), 11, 8, 256 * 1024);
        Trees.writeRandomFiles(pool.mountpoint("src/child"), 12, 4, 64 * 1024);

        Path launcher = Launcher.write(work);
        Path sockdir = work.resolve("sd");
        Path sinkConfig = Files.writeString(work.resolve("sink.yml"), """
                global:
                  control: {sockpath: "%1$s/sink-control"}
                  serve: {stdinserver: {sockdir: "%2$s"}}
                jobs:
                  - name: sink
                    type: sink
                    root_fs: "%3$s"
                    serve: {type: stdinserver, client_identities: [alice]}
                    recv: {placeholder: {encryption: inherit}}
                """.formatted(work, sockdir, sinkRoot));

        Path sinkLog = work.resolve("sink.log");
        Process sink = new ProcessBuilder(launcher.toString(), "daemon", "--config", sinkConfig.toString())
                .redirectErrorStream(true).redirectOutput(sinkLog.toFile()).start();
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd"),
                launcher + " stdinserver --config " + sinkConfig + " alice")) {
            awaitSocket(sockdir.resolve("alice"), sink, sinkLog);
            Path pushConfig = Files.writeString(work.resolve("push.yml"), """
                    global:
                      control: {sockpath: "%1$s/push-control"}
                    jobs:
                      - name: push
                        type: push
                        connect:
                          type: ssh+stdinserver
                          host: 127.0.0.1
                          user: root
                          port: %2$d
                          identity_file: "%3$s"
                          ssh_command: /usr/bin/ssh
                          options:
                            - "UserKnownHostsFile=%4$s"
                            - "GlobalKnownHostsFile=/dev/null"
                            - "StrictHostKeyChecking=yes"
                          dial_timeout: 2m
                        filesystems: {"%5$s<": true}
                        snapshotting: {type: periodic, prefix: zrepl_, interval: 10s}
                        pruning:
                          keep_sender:
                            - {type: not_replicated}
                            - {type: last_n, count: 3, regex: "^zrepl_"}
                          keep_receiver:
                            - {type: last_n, count: 3, regex: "^zrepl_"}
                    """.formatted(work, sshd.port, sshd.clientKey, sshd.knownHosts, src));

            List<Map<String, Object>> runs = new ArrayList<>();
            RunningDaemon push = RunningDaemon.start(ConfigLoader.load(pushConfig), 200);
            try {
                runs.addAll(push.awaitEvents(2, RUNS_TIMEOUT));
            } catch (AssertionError | IllegalStateException e) {
                throw new AssertionError(e.getMessage() + "\n--- sink log:\n" + tail(sinkLog) + "\n--- sshd log:\n"
                        + tail(sshd.log), e);
            } finally {
                push.stop();
            }
            runs.addAll(push.remainingEvents());
            for (Map<String, Object> run : runs) {
                assertThat(run).as("event %s\n--- sink log:\n%s", run, tail(sinkLog))
                        .containsEntry("type", "push-run").containsEntry("ok", true);
            }
            assertThat(sshd.logText()).as("the connections went through the test's sshd")
                    .contains("Accepted publickey for root from 127.0.0.1");
        } finally {
            stop(sink);
        }

        for (String fs : List.of(src, child)) {
            Map<String, String> sent = snapshots(fs);
            Map<String, String> got = snapshots(sinkRoot + "/alice/" + fs);
            assertThat(got).as("snapshots received for %s", fs).isNotEmpty();
            got.forEach((name, guid) -> {
                if (sent.containsKey(name)) {
                    assertThat(guid).as("guid of %s@%s on the receiver", fs, name).isEqualTo(sent.get(name));
                }
            });
            // two runs: a full send, then an incremental one on top of it
            assertThat(got).as("snapshots received for %s", fs).hasSizeGreaterThanOrEqualTo(2);
            String newest = new ArrayList<>(got.keySet()).get(got.size() - 1);
            assertThat(sent).as("the sender still has %s@%s", fs, newest).containsKey(newest);
            assertThat(filesOf(sinkRoot + "/alice/" + fs + "@" + newest)).as("files of %s@%s", fs, newest)
                    .isEqualTo(filesOf(fs + "@" + newest)).isNotEmpty();
        }
    }

    /** The sink's socket appears once its daemon is up (a JVM start and Camel under emulation: a while). */
    private static void awaitSocket(Path socket, Process sink, Path sinkLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(socket)) {
            if (!sink.isAlive()) {
                throw new AssertionError("sink daemon exited with " + sink.exitValue() + ":\n" + tail(sinkLog));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no socket " + socket + " after 3 minutes:\n" + tail(sinkLog));
            }
            Thread.sleep(250);
        }
    }

    /** Snapshots of exactly {@code fs}, oldest first: short name → guid. */
    private static Map<String, String> snapshots(String fs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Sh.run("zfs", "list", "-H", "-p", "-o", "name,guid", "-t", "snapshot", "-s", "createtxg",
                "-d", "1", fs).lines()) {
            String[] f = line.split("\t");
            out.put(f[0].substring(f[0].indexOf('@') + 1), f[1]);
        }
        return out;
    }

    /**
     * SHA-256 of each file of a snapshot, read through a read-only clone (received filesystems sit below
     * placeholders with mountpoint=none, and mounting one itself could change it).
     */
    private SortedMap<String, String> filesOf(String snapshot) throws Exception {
        String pool = snapshot.substring(0, snapshot.indexOf('/'));
        String clone = pool + "/zpt-ssh-verify";
        Path mnt = Files.createTempDirectory(work, "verify");
        Sh.run("zfs", "clone", "-o", "readonly=on", "-o", "atime=off", "-o", "mountpoint=" + mnt, snapshot, clone);
        try {
            return Trees.sha256(mnt);
        } finally {
            Sh.run("zfs", "destroy", clone);
            Files.deleteIfExists(mnt);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String t = Files.readString(log, StandardCharsets.UTF_8);
        return t.length() > 20_000 ? t.substring(t.length() - 20_000) : t;
    }
}
