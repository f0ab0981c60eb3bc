package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.FilesystemPlanner;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Skeleton: being implemented on h-engine. */
public final class ReplicationDriver {

    private final DriverSettings settings;
    private final Function<PlanningInput, FilesystemPlan> planner;

    public ReplicationDriver(DriverSettings s) {
        this(s, FilesystemPlanner::plan);
    }

    ReplicationDriver(DriverSettings s, Function<PlanningInput, FilesystemPlan> planner) {
        this.settings = Objects.requireNonNull(s, "settings");
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    public ReplicationReport run(Sender sender, Receiver receiver) {
        throw new UnsupportedOperationException("being implemented");
    }

    public Optional<ReplicationReport> current() {
        return Optional.empty();
    }
}
