package io.zreplcamel.app.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's one response line to a {@link ControlRequest} (docs/control.md): {@code {"ok":true,"message":"…"}},
 * for a waited wakeup also {@code "run":{"failed":false,"summary":"…"}}; a refused or failed request is
 * {@code {"ok":false,"message":"why"}}. A status response carries the daemon's status as {@code "status":{…}}
 * (docs/status.md).
 *
 * @param run    how the woken run ended, for a wakeup that waited for it
 * @param status the status, for a status request
 */
public record ControlResponse(boolean ok, String message, Optional<Run> run, Optional<JsonNode> status) {

    /** How a woken run ended. */
    public record Run(boolean failed, String summary) {

        public Run {
            Objects.requireNonNull(summary, "summary");
        }
    }

    private static final Set<String> FIELDS = Set.of("ok", "message", "run", "status");
    private static final Set<String> RUN_FIELDS = Set.of("failed", "summary");

    public ControlResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(status, "status");
    }

    public ControlResponse(boolean ok, String message, Optional<Run> run) {
        this(ok, message, run, Optional.empty());
    }

    public static ControlResponse ok(String message) {
        return new ControlResponse(true, message, Optional.empty());
    }

    public static ControlResponse ok(String message, Run run) {
        return new ControlResponse(true, message, Optional.of(run));
    }

    public static ControlResponse status(JsonNode status) {
        return new ControlResponse(true, "status", Optional.empty(), Optional.of(status));
    }

    public static ControlResponse error(String message) {
        return new ControlResponse(false, message, Optional.empty());
    }

    public String toLine() {
        ObjectNode o = ControlJson.object();
        o.put("ok", ok);
        o.put("message", message);
        run.ifPresent(r -> {
            ObjectNode n = o.putObject("run");
            n.put("failed", r.failed());
            n.put("summary", r.summary());
        });
        status.ifPresent(s -> o.set("status", s));
        return ControlJson.line(o);
    }

    public static ControlResponse parse(String line) throws ControlProtocolException {
        ObjectNode o = ControlJson.parseObject(line);
        ControlJson.onlyFields(o, FIELDS);
        JsonNode okNode = o.get("ok");
        if (okNode == null || !okNode.isBoolean()) {
            throw new ControlProtocolException("field \"ok\" must be true or false");
        }
        String message = ControlJson.text(o, "message", true);
        JsonNode runNode = o.get("run");
        Optional<Run> run = Optional.empty();
        if (runNode != null && !runNode.isNull()) {
            if (!(runNode instanceof ObjectNode r)) {
                throw new ControlProtocolException("field \"run\" must be an object");
            }
            ControlJson.onlyFields(r, RUN_FIELDS);
            JsonNode failed = r.get("failed");
            if (failed == null || !failed.isBoolean()) {
                throw new ControlProtocolException("field \"run.failed\" must be true or false");
            }
            run = Optional.of(new Run(failed.asBoolean(), ControlJson.text(r, "summary", true)));
        }
        JsonNode statusNode = o.get("status");
        Optional<JsonNode> status = Optional.empty();
        if (statusNode != null && !statusNode.isNull()) {
            if (!statusNode.isObject()) {
                throw new ControlProtocolException("field \"status\" must be an object");
            }
            status = Optional.of(statusNode);
        }
        return new ControlResponse(okNode.asBoolean(), message, run, status);
    }
}
