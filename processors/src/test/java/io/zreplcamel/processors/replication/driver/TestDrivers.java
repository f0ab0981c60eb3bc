package io.zreplcamel.processors.replication.driver;

import io.zreplcamel.processors.replication.plan.FilesystemPlan;
import io.zreplcamel.processors.replication.plan.PlanningInput;
import java.util.function.Function;

/** Opens the driver's test constructor to tests in other packages. */
public final class TestDrivers {

    private TestDrivers() {
    }

    /** A driver with {@code planner} that does not sleep between attempts. */
    public static ReplicationDriver withPlanner(DriverSettings settings, Function<PlanningInput, FilesystemPlan> planner) {
        return new ReplicationDriver(settings, planner, d -> { });
    }
}
