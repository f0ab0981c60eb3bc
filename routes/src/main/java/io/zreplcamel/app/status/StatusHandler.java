package io.zreplcamel.app.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zreplcamel.app.BuildInfo;
import io.zreplcamel.app.control.ControlHandler;
import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import io.zreplcamel.app.control.JobSignalHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Answers {@code status} on the control socket: the daemon (version, pid, start time, the {@code ZREPL_*} tunables
 * of its environment) and every job's {@link JobStatus}, or one job's (docs/status.md). Jobs keep their config order.
 */
public final class StatusHandler implements ControlHandler {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final Supplier<Optional<Map<String, StatusSource>>> jobs;
    private final Instant started;
    private final Clock clock;
    private final Map<String, String> environment;

    /**
     * @param jobs        the installed jobs by name, in config order; empty while the daemon is starting
     * @param environment the daemon's environment (only {@code ZREPL_*} variables are shown)
     */
    public StatusHandler(Supplier<Optional<Map<String, StatusSource>>> jobs, Clock clock,
                         Map<String, String> environment) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
        this.environment = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith("ZREPL_")) {
                this.environment.put(k, v);
            }
        });
    }

    /** The daemon's control handler: status requests answered here, every other one by {@code signals}. */
    public ControlHandler orElse(ControlHandler signals) {
        return request -> request.op() == ControlRequest.Op.STATUS ? handle(request) : signals.handle(request);
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        Optional<Map<String, StatusSource>> installed = jobs.get();
        if (installed.isEmpty()) {
            return JobSignalHandler.stillStarting();
        }
        String only = request.job();
        if (!only.isEmpty() && !installed.get().containsKey(only)) {
            return JobSignalHandler.noSuchJob(only);
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode daemon = root.putObject("daemon");
        daemon.put("version", BuildInfo.version());
        daemon.put("pid", ProcessHandle.current().pid());
        daemon.put("started", started.toString());
        daemon.put("now", clock.instant().toString());
        daemon.set("environment", MAPPER.valueToTree(environment));
        ObjectNode jobNodes = root.putObject("jobs");
        installed.get().forEach((name, source) -> {
            if (only.isEmpty() || only.equals(name)) {
                jobNodes.set(name, MAPPER.valueToTree(source.status()));
            }
        });
        return ControlResponse.status(root);
    }
}
