package io.zreplcamel.app.jobs;

import io.zreplcamel.app.transport.LocalEndpointServer;
import io.zreplcamel.app.transport.LocalTransport;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.app.status.StatusSource;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * The serving step of the {@code zrepl-sink-job} route template: every request of a connected push job runs on the
 * receiver of its client identity (one per identity, each confined to {@code root_fs/<identity>}).
 */
public final class SinkJobBean implements StatusSource {

    private final String jobName;
    private final Function<String, Receiver> receiverForIdentity;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    SinkJobBean(String jobName, Function<String, Receiver> receiverForIdentity) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.receiverForIdentity = Objects.requireNonNull(receiverForIdentity, "receiverForIdentity");
    }

    public String jobName() {
        return jobName;
    }

    public LocalTransport.Reply serve(Exchange exchange) {
        Receiver receiver = receivers.computeIfAbsent(LocalEndpointServer.clientIdentity(exchange),
                receiverForIdentity);
        return LocalEndpointServer.serve(exchange, jobName, receiver);
    }

    @Override
    public JobStatus status() {
        return new JobStatus("sink", "serving", null, null, null, null, null, null, null,
                List.copyOf(new TreeSet<>(receivers.keySet())));
    }
}
