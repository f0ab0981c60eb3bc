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
    void refusesToStartWithATransportThatDoesNotRunYet() throws Exception {
        Path config = Files.writeString(dir.resolve("zrepl.yml"), ConfigcheckCommandTest.overSsh());

        CliRun run = CliRun.of("daemon", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("zrepl-camel daemon: not starting, the config has errors:\n")
                .containsPattern(java.util.regex.Pattern.quote(config.toString())
                        + ":\\d+:\\d+: jobs\\[1\\]\\.connect\\.type: connect type ssh\\+stdinserver: transport"
                        + " ssh\\+stdinserver is not implemented yet by zrepl-camel");
    }

    @Test
    void refusesTheNetworkTransportsThatDoNotRunYet() throws Exception {
        for (String job : new String[] {
                "{name: k, type: sink, root_fs: backup, serve: {type: stdinserver, client_identities: [a]}}",
                "{name: p, type: pull, root_fs: backup, interval: manual,"
                        + " connect: {type: ssh+stdinserver, host: h, user: u, port: 22, identity_file: /k},"
                        + " pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}}"}) {
            Path config = Files.writeString(dir.resolve("zrepl.yml"), "jobs:\n  - " + job + "\n");
            CliRun run = CliRun.of("daemon", "--config", config.toString());
            assertThat(run.exit()).as(job).isEqualTo(2);
            assertThat(run.err()).as(job).containsPattern("transport [a-z+]+ is not implemented yet by zrepl-camel"
                    + " \\(local, tcp and tls are\\); this job would not run");
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
