package io.zreplcamel.app.jmx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zreplcamel.app.control.ControlHandler;
import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.app.status.StatusSource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobControlMBean} of one job: attributes from its {@link StatusSource}, operations through the same
 * control handler the socket uses, so JMX gets exactly the answers and refusals {@code zrepl-camel signal} gets.
 */
public final class JobControl implements JobControlMBean {

    private static final Logger LOG = LoggerFactory.getLogger(JobControl.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final StatusSource status;
    private final ControlHandler signals;

    public JobControl(String name, StatusSource status, ControlHandler signals) {
        this.name = Objects.requireNonNull(name, "name");
        this.status = Objects.requireNonNull(status, "status");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** {@code io.zreplcamel:type=Job,name="<job>"}: the name quoted, since a job's name may hold any character. */
    public static ObjectName objectName(String job) {
        try {
            return new ObjectName("io.zreplcamel:type=Job,name=" + ObjectName.quote(job));
        } catch (JMException e) {
            throw new IllegalArgumentException("no JMX name for job " + job + ": " + e.getMessage(), e);
        }
    }

    /**
     * Registers one MBean per job on the platform MBean server; returns the names, for {@link #unregister}. A name
     * already taken (a second daemon in this JVM, as in tests) is logged and skipped.
     */
    public static List<ObjectName> register(Map<String, StatusSource> jobs, ControlHandler signals) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> names = new ArrayList<>();
        jobs.forEach((job, source) -> {
            ObjectName on = objectName(job);
            try {
                server.registerMBean(new JobControl(job, source, signals), on);
                names.add(on);
            } catch (JMException e) {
                LOG.warn("job {}: JMX MBean {} not registered: {}", job, on, e.getMessage());
            }
        });
        return names;
    }

    public static void unregister(List<ObjectName> names) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName on : names) {
            try {
                server.unregisterMBean(on);
            } catch (JMException e) {
                LOG.debug("JMX MBean {} already gone: {}", on, e.getMessage());
            }
        }
    }

    private JobStatus now() {
        return status.status();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getType() {
        return now().type();
    }

    @Override
    public String getState() {
        return now().state();
    }

    @Override
    public String getPhase() {
        return text(now().phase());
    }

    @Override
    public String getNextRun() {
        return text(now().nextRun());
    }

    @Override
    public String getLastRunSummary() {
        return text(now().lastRunSummary());
    }

    @Override
    public String getLastRunFinished() {
        JobStatus s = now();
        if (s.lastRun() == null) {
            return "";
        }
        JsonNode event = JSON.valueToTree(s.lastRun());
        return event.path("finished").asText("");
    }

    @Override
    public boolean isLastRunFailed() {
        return Boolean.TRUE.equals(now().lastRunFailed());
    }

    @Override
    public String wakeup() {
        return answer(signals.handle(ControlRequest.wakeup(name, false)));
    }

    @Override
    public String reset() {
        return answer(signals.handle(ControlRequest.reset(name)));
    }

    private static String answer(ControlResponse r) {
        return r.ok() ? r.message() : "refused: " + r.message();
    }
}
