package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import io.zreplcamel.app.control.ControlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signal wakeup|reset JOB}: finds the socket through --config, sends one request, and maps the answer to the
 * exit code (a stand-in daemon answers on a real socket).
 */
class SignalCommandTest {

    @TempDir
    Path dir;

    private final List<ControlRequest> requests = new CopyOnWriteArrayList<>();

    private Path config(Path sock) throws Exception {
        return Files.writeString(dir.resolve("zrepl.yml"), "global: {control: {sockpath: \"" + sock + "\"}}\n"
                + "jobs: []\n");
    }

    private ControlResponse daemon(ControlRequest r) {
        requests.add(r);
        return switch (r.job()) {
            case "ok" -> r.waitForRun() ? ControlResponse.ok("job ok: woken up; the run ended",
                    new ControlResponse.Run(false, "invocation finished: 1/1 filesystem(s) replicated"))
                    : ControlResponse.ok("job ok: woken up");
            case "bad" -> ControlResponse.ok("job bad: woken up; the run ended",
                    new ControlResponse.Run(true, "invocation finished with errors: 0/1 filesystem(s) replicated"));
            default -> ControlResponse.error("Job " + r.job() + " does not exist");
        };
    }

    @Test
    void exitCodesFollowTheDaemonsAnswer() throws Exception {
        Path sock = dir.resolve("run/control");
        Path config = config(sock);
        try (ControlServer ignored = ControlServer.start(sock, this::daemon)) {
            CliRun woke = CliRun.of("signal", "wakeup", "--config", config.toString(), "ok");
            assertThat(woke.exit()).isZero();
            assertThat(woke.out()).isEqualTo("job ok: woken up\n");

            CliRun waited = CliRun.of("signal", "wakeup", "ok", "--wait", "--config", config.toString());
            assertThat(waited.exit()).isZero();
            assertThat(waited.out()).isEqualTo("job ok: invocation finished: 1/1 filesystem(s) replicated\n");

            CliRun failed = CliRun.of("signal", "wakeup", "bad", "--wait", "--config", config.toString());
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).isEqualTo("job bad: invocation finished with errors: 0/1 filesystem(s)"
                    + " replicated\n");

            CliRun unknown = CliRun.of("signal", "reset", "nope", "--config", config.toString());
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).isEqualTo("zrepl-camel signal reset: Job nope does not exist\n");
        }
        assertThat(requests).containsExactly(ControlRequest.wakeup("ok", false), ControlRequest.wakeup("ok", true),
                ControlRequest.wakeup("bad", true), ControlRequest.reset("nope"));

        CliRun noDaemon = CliRun.of("signal", "wakeup", "ok", "--config", config.toString());
        assertThat(noDaemon.exit()).isEqualTo(1);
        assertThat(noDaemon.err()).startsWith("zrepl-camel signal wakeup: no control socket at " + sock);
    }

    @Test
    void usageErrors() throws Exception {
        assertThat(CliRun.of("signal").exit()).isEqualTo(2);
        assertThat(CliRun.of("signal", "wakeup").exit()).isEqualTo(2);
        assertThat(CliRun.of("signal", "reset", "a", "--wait").exit()).isEqualTo(2);
        Path broken = Files.writeString(dir.resolve("broken.yml"), "jobs: [{name: a}]\n");
        CliRun r = CliRun.of("signal", "wakeup", "a", "--config", broken.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("zrepl-camel signal wakeup: the config has errors:\n");
    }
}
