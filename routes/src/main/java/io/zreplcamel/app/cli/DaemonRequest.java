package io.zreplcamel.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.zreplcamel.app.Implemented;
import io.zreplcamel.app.control.ControlClient;
import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import io.zreplcamel.config.ZreplConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code signal} and {@code status} share: find the control socket through the config ({@code
 * global.control.sockpath}), send one request, and turn what went wrong into the message and exit code.
 */
final class DaemonRequest {

    /** The daemon's answer, or the exit code when there is none (already reported on {@code err}). */
    record Outcome(Optional<ControlResponse> response, int exit) {
    }

    /** The daemon's status, or the exit code when there is none (already reported on {@code err}). */
    record Status(Optional<JsonNode> json, int exit) {
    }

    private DaemonRequest() {
    }

    /**
     * @param config the {@code --config} option (null: the default locations)
     * @param verb   names the command in messages, e.g. {@code zrepl-camel status}
     */
    static Outcome send(Path config, ControlRequest request, String verb, PrintWriter err) {
        Optional<ZreplConfig> loaded = ConfigcheckCommand.loadOrReport(config, Implemented.lenient(false), verb, err);
        if (loaded.isEmpty()) {
            return new Outcome(Optional.empty(), ZreplCamelCli.EXIT_USAGE);
        }
        Path sockpath = loaded.get().global().controlSockpath();
        try {
            return new Outcome(Optional.of(new ControlClient(sockpath).send(request)), ZreplCamelCli.EXIT_OK);
        } catch (IOException e) {
            // an interrupted wait (ClosedByInterruptException) has no message of its own
            err.println(verb + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return new Outcome(Optional.empty(), ZreplCamelCli.EXIT_FAILURE);
        }
    }

    /**
     * Asks for the status of {@code job} (empty: every job). Present only when the daemon answered with one; a
     * refusal (an unknown job, a daemon still starting) is reported on {@code err} like the other failures.
     */
    static Status status(Path config, String job, String verb, PrintWriter err) {
        Outcome sent = send(config, ControlRequest.status(job), verb, err);
        if (sent.response().isEmpty()) {
            return new Status(Optional.empty(), sent.exit());
        }
        ControlResponse response = sent.response().get();
        if (!response.ok() || response.status().isEmpty()) {
            err.println(verb + ": " + response.message());
            err.flush();
            return new Status(Optional.empty(), ZreplCamelCli.EXIT_FAILURE);
        }
        return new Status(response.status(), ZreplCamelCli.EXIT_OK);
    }
}
