package io.zreplcamel.zfs.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands through a remote shell. {@code sh -c} stands in for {@code ssh user@host}: sshd hands the command line to
 * the login shell exactly so ({@code $SHELL -c '<line>'}), so what arrives here is what a remote zfs would get.
 */
class RemoteShellRunnerTest {

    @TempDir
    Path dir;

    private ZfsCommandRunner remote(Path zfs) {
        // env -i: the remote side does not inherit this JVM's environment (no LC_ALL from the runner)
        return new ZfsCommandRunner(RunnerSettings.defaults().withZfsBinary(zfs.toString())
                .withRemoteShell(List.of("env", "-i", "PATH=/usr/bin:/bin", "sh", "-c")));
    }

    @Test
    void wordsArriveIntactAndTheLocaleIsSetOnTheRemoteSide() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "printf '%s\\n' \"LC_ALL=$LC_ALL\" \"$@\"");
        try (ZfsCommandRunner runner = remote(zfs)) {
            CommandResult r = runner.run(Command.zfs("list", "-H", "pool/with space", "it's", "a;b|c$(d)`e`", "*"));

            assertThat(r.stdoutText().lines().toList()).containsExactly("LC_ALL=C", "list", "-H", "pool/with space",
                    "it's", "a;b|c$(d)`e`", "*");
        }
    }

    @Test
    void remoteErrorsAreClassifiedLikeLocalOnes() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "echo \"cannot open 'p/x': dataset does not exist\" >&2; exit 1");
        try (ZfsCommandRunner runner = remote(zfs)) {
            assertThatThrownBy(() -> runner.run(Command.zfs("list", "p/x")))
                    .isInstanceOf(DatasetNotFoundException.class);
        }
    }

    @Test
    void aStreamGoesThroughTheRemoteShellsStdin() throws Exception {
        Path zfs = FakeZfs.script(dir, "zfs", "wc -c");
        try (ZfsCommandRunner runner = remote(zfs)) {
            RunningCommand rc = runner.startStream(Command.zfs("receive", "-s", "p/x"));
            byte[] chunk = new byte[65536];
            for (int i = 0; i < 64; i++) {
                rc.stdin().write(chunk);
            }
            rc.stdin().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rc.stdout().transferTo(out);
            assertThat(out.toString(StandardCharsets.US_ASCII).trim()).isEqualTo(Long.toString(64L * 65536));
        }
    }

    @Test
    void theArgvBudgetOfARemoteCommandStaysBelowOneShellArgument() {
        RunnerSettings local = RunnerSettings.defaults();
        RunnerSettings remote = local.withRemoteShell(List.of("ssh", "host"));

        assertThat(local.isRemote()).isFalse();
        assertThat(remote.isRemote()).isTrue();
        assertThat(remote.argvBudget()).isLessThan(128 * 1024).isLessThan(local.argvBudget());
        assertThat(remote.withZfsBinary("/sbin/zfs").remoteShell()).containsExactly("ssh", "host");
        assertThat(RemoteCommandLine.line(List.of("zfs", "destroy", "p/a@b"))).isEqualTo(
                "LC_ALL=C exec 'zfs' 'destroy' 'p/a@b'");
    }
}
