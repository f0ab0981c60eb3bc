package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrated zrepl config with transports zrepl-camel does not run yet must not give a daemon that looks active:
 * it refuses to start with exit 2 and says which job, where, and why.
 */
class DaemonCommandTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithTlsFilesThatCannotBeRead() throws Exception {
        for (String job : new String[] {
                "{name: k, type: sink, root_fs: backup, serve: {type: tls, listen: ':1', ca: /nonexistent/ca.crt,"
                        + " cert: /c, key: /k, client_cns: [a]}}",
                "{name: p, type: pull, root_fs: backup, interval: manual,"
                        + " connect: {type: tls, address: 'h:1', ca: /nonexistent/ca.crt, cert: /c, key: /k,"
                        + " server_cn: s},"
                        + " pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}}"}) {
            Path config = Files.writeString(dir.resolve("zrepl.yml"), "jobs:\n  - " + job + "\n");
            CliRun run = CliRun.of("daemon", "--config", config.toString());
            assertThat(run.exit()).as(job).isEqualTo(2);
            assertThat(run.err()).as(job).startsWith("zrepl-camel daemon: not starting, the config has errors:\n")
                    .contains(config + ":2:").contains("/nonexistent/ca.crt").doesNotContain("not implemented");
        }
    }

    @Test
    void refusesToStartWhileAnotherDaemonServesTheControlSocket() throws Exception {
        Path sock = dir.resolve("run/control");
        Path config = Files.writeString(dir.resolve("zrepl.yml"), "global: {control: {sockpath: \"" + sock
                + "\"}}\njobs: []\n");
        try (io.zreplcamel.app.control.ControlServer other = io.zreplcamel.app.control.ControlServer.start(sock,
                r -> io.zreplcamel.app.control.ControlResponse.ok("other"))) {
            CliRun run = CliRun.of("daemon", "--config", config.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("zrepl-camel daemon: not starting: control socket " + sock
                    + ": another zrepl-camel daemon is running (it accepts connections on this socket); not starting"
                    + " a second one\n");
        }
    }
}
