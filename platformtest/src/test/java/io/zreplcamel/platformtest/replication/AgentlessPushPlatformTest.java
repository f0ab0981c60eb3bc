package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.snap.RunningDaemon;
import io.zreplcamel.platformtest.snap.WithDaemonWorkDir;
import io.zreplcamel.platformtest.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agentless push ({@code connect: {type: ssh+zfs}}) to a host that has only zfs and a stock OpenSSH server:
 * an sshd started by the test on loopback, with a generated host key (checked by the client through a known_hosts
 * file) and a generated user key whose authorized_keys entry logs every command it is asked to run before running
 * it. The daemon replicates twice (full, then incremental) and prunes the receiver by its rules; the received
 * snapshots carry the sender's guids, and the command log proves that listing, receiving and destroying ran as
 * zfs commands over ssh.
 */
@PlatformTest
class AgentlessPushPlatformTest extends WithDaemonWorkDir {

    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void pushesOverSshIntoAHostWithoutADaemonAndPrunesItThere(TestPool pool) throws Exception {
        String src = pool.ds("src");
        String far = pool.ds("far");
        Sh.bash("zfs create " + src + " && zfs create " + far
                + " && head -c 1048576 /dev/urandom > " + pool.mountpoint("src") + "/data").check();
        Path ssh = Files.createDirectories(work.resolve("ssh"));
        Path commands = ssh.resolve("commands.log");
        // the forced command logs what the client asked for, then runs it as sshd would without a forced command
        Path wrapper = ssh.resolve("log-and-run.sh");
        Files.writeString(wrapper, "#!/bin/sh\nprintf '%s\\n' \"$SSH_ORIGINAL_COMMAND\" >> '" + commands
                + "'\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
        Sh.run("chmod", "755", wrapper.toString()).check();
        OpenSshServer sshd = OpenSshServer.start(ssh, wrapper.toString());
        int port = sshd.port;
        try {
            Path config = Files.writeString(work.resolve("zrepl.yml"), """
                    global:
                      control: {sockpath: "%5$s"}
                    jobs:
                      - name: offsite
                        type: push
                        connect:
                          type: ssh+zfs
                          host: 127.0.0.1
                          port: %3$d
                          user: root
                          identity_file: "%4$s"
                          options: ["StrictHostKeyChecking=yes", "UserKnownHostsFile=%6$s"]
                          root_fs: "%2$s"
                          recv: {placeholder: {encryption: off}}
                        filesystems: {"%1$s": true}
                        snapshotting: {type: periodic, prefix: zrepl_, interval: 10s}
                        pruning:
                          keep_sender:
                            - {type: not_replicated}
                            - {type: last_n, count: 2, regex: "^zrepl_"}
                          keep_receiver:
                            - {type: last_n, count: 2, regex: "^zrepl_"}
                    """.formatted(src, far, port, sshd.clientKey, work.resolve("control.sock"), sshd.knownHosts));
            RunningDaemon daemon = RunningDaemon.start(ConfigLoader.load(config), 200);
            List<Map<String, Object>> runs;
            try {
                runs = new ArrayList<>(daemon.awaitEvents(3, RUNS_TIMEOUT));
            } finally {
                daemon.stop();
            }
            runs.addAll(daemon.remainingEvents());
            for (Map<String, Object> run : runs) {
                assertThat(run).as("event %s", run).containsEntry("type", "push-run").containsEntry("ok", true);
            }
        } finally {
            sshd.close();
        }

        PoolSnapshots snapshots = PoolSnapshots.of(pool);
        Map<String, String> sent = snapshots.ofFilesystem(src);
        Map<String, String> got = snapshots.ofFilesystem(far + "/" + src);
        assertThat(got).as("received on the far side below root_fs").isNotEmpty().hasSizeLessThanOrEqualTo(2);
        got.forEach((name, guid) -> {
            if (sent.containsKey(name)) {
                assertThat(guid).as("guid of %s on the receiver", name).isEqualTo(sent.get(name));
            }
        });
        assertThat(got.keySet()).contains(sent.keySet().stream().reduce((a, b) -> b).orElseThrow());
        String newest = got.keySet().stream().reduce((a, b) -> b).orElseThrow();
        ReceivedData.assertSameData(src + "@" + newest, far + "/" + src + "@" + newest);

        List<String> log = Files.readAllLines(commands);
        assertThat(log).as("zfs commands the far side ran over ssh")
                .anyMatch(l -> l.startsWith("LC_ALL=C exec 'zfs' 'list'"))
                .anyMatch(l -> l.contains("'zfs' 'receive'") || l.contains("'zfs' 'recv'"))
                .anyMatch(l -> l.contains("'zfs' 'destroy'"))
                .allMatch(l -> l.startsWith("LC_ALL=C exec 'zfs' ") || l.startsWith("LC_ALL=C exec 'zpool' "));
    }
}
