package io.zreplcamel.processors.job;

import io.zreplcamel.config.model.ActiveJob;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.replication.driver.DriverSettings;
import io.zreplcamel.processors.replication.driver.ReplicationDriver;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Skeleton: being implemented on h-engine. */
public final class ActiveJobRunner {

    private final ActiveJob job;
    private final Clock clock;
    private final ReplicationDriver driver;

    public ActiveJobRunner(ActiveJob job, Clock clock) {
        this.job = Objects.requireNonNull(job, "job");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.driver = new ReplicationDriver(DriverSettings.of(job, clock));
    }

    public InvocationReport invoke(Sender sender, Receiver receiver) {
        throw new UnsupportedOperationException("being implemented");
    }

    public Optional<ReplicationReport> currentReplication() {
        return driver.current();
    }
}
