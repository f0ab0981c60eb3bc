package io.zreplcamel.app.transport;

import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.PassiveJob;
import io.zreplcamel.config.model.transport.Serve;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The daemon's {@code local} listeners: which passive job serves each {@code listener_name}, and the endpoint its
 * route consumes. Filled from the config before any route is added; a connect looks its listener up here.
 */
public final class LocalListeners {

    /** One passive job serving one listener. */
    public record Listener(String name, String jobName, String endpointUri) {
    }

    private final UnaryOperator<String> uriSafe;
    private final Map<String, Listener> byName = new LinkedHashMap<>();

    /** @param uriSafe turns a listener name into a string usable as a {@code direct:} endpoint name */
    public LocalListeners(UnaryOperator<String> uriSafe) {
        this.uriSafe = Objects.requireNonNull(uriSafe, "uriSafe");
    }

    /**
     * Registers {@code jobName} as the server of {@code listenerName}. Two jobs on one listener are a startup error
     * (configcheck only warns, as zrepl accepts it): which of them a connect reached would be chance, and a push
     * meant for a sink could end up on a source.
     */
    public synchronized Listener register(String listenerName, String jobName) {
        Listener existing = byName.get(listenerName);
        if (existing != null) {
            throw new IllegalStateException("jobs " + existing.jobName() + " and " + jobName
                    + " both serve local listener_name \"" + listenerName
                    + "\"; give each sink or source its own listener_name (and the connecting jobs the matching one)");
        }
        Listener l = new Listener(listenerName, jobName, endpointUri(listenerName));
        byName.put(listenerName, l);
        return l;
    }

    /** What {@link #register} would refuse for the passive jobs of {@code config}, one message per conflict. */
    public static List<String> conflicts(ZreplConfig config) {
        LocalListeners probe = new LocalListeners(UnaryOperator.identity());
        List<String> out = new ArrayList<>();
        for (Job job : config.jobs()) {
            if (job instanceof PassiveJob p && p.serve() instanceof Serve.Local local) {
                try {
                    probe.register(local.listenerName(), job.name());
                } catch (IllegalStateException e) {
                    out.add(e.getMessage());
                }
            }
        }
        return out;
    }

    public synchronized Optional<Listener> find(String listenerName) {
        return Optional.ofNullable(byName.get(listenerName));
    }

    /** The endpoint a listener's serving route consumes, whether or not a job serves it. */
    public String endpointUri(String listenerName) {
        return "direct:zrepl-local-" + uriSafe.apply(listenerName);
    }
}
