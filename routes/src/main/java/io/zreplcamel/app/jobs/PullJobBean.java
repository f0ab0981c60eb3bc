package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullInterval;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.job.InvocationReport;
import java.time.Clock;
import io.zreplcamel.app.status.JobStatus;
import io.zreplcamel.app.status.StatusSource;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code zrepl-pull-job} route template for one pull job: {@link #due} on every tick (its
 * {@code interval}; never for {@code manual}) or a pending {@code signal wakeup}, {@link #invoke} (replicate from the
 * source, prune both sides), then {@link #report}. A woken run is an invocation like a ticked one (zrepl's pull
 * job has no snapshots); the ticker's grid is not moved by it.
 */
public final class PullJobBean implements StatusSource {

    private static final Logger LOG = LoggerFactory.getLogger(PullJobBean.class);

    private final String jobName;
    private final PullTrigger trigger;
    private final ActiveInvocation invocation;
    private final Sender sender;
    private final Receiver receiver;
    private final Clock clock;
    private final AtomicReference<ReplicationJobEvent> lastRun = new AtomicReference<>();
    private final JobSignals signals;
    private final RunProgress progress = new RunProgress();
    private final RunObserver observer;

    /**
     * @param sender   the source, through the job's transport
     * @param receiver the pull job's own {@code root_fs}
     */
    PullJobBean(String jobName, PullInterval interval, ActiveInvocation invocation, Sender sender, Receiver receiver,
            Clock clock, RunObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trigger = new PullTrigger(interval, clock.instant());
        this.invocation = Objects.requireNonNull(invocation, "invocation");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.signals = new JobSignals(jobName, true);
    }

    public String jobName() {
        return jobName;
    }

    /** The job's wakeup and reset signals. */
    public JobSignals signals() {
        return signals;
    }

    /** On every tick: a woken run starts now; otherwise a run is due when the interval has passed. */
    public boolean due(Exchange exchange) {
        if (signals.startIfWoken()) {
            PushJobBean.startWoken(exchange, clock, jobName);
            return true;
        }
        if (!trigger.isDue(clock.instant())) {
            return false;
        }
        signals.startScheduled();
        return true;
    }

    public void invoke(Exchange exchange) {
        Instant start = clock.instant();
        trigger.started(start);
        exchange.setProperty(ScheduledSnapshots.RUN_STARTED, start);
        progress.started(start);
        PushJobBean.runInvocation(exchange, jobName, invocation, sender, receiver, signals);
    }

    public ReplicationJobEvent report(Exchange exchange) {
        Instant end = clock.instant();
        if (trigger.finished(end)) {
            LOG.warn("job {}: pull job took longer than pull interval; running again now", jobName);
        }
        ReplicationJobEvent event = new ReplicationJobEvent(jobName, "pull",
                exchange.getProperty(ScheduledSnapshots.RUN_STARTED, end, Instant.class), end, Optional.empty(),
                Optional.empty(), Optional.ofNullable(exchange.getProperty(PushJobBean.INVOCATION,
                InvocationReport.class)),
                Optional.ofNullable(exchange.getProperty(PushJobBean.INVOCATION_ERROR, String.class)),
                trigger.nextRun());
        lastRun.set(event);
        progress.finished();
        observer.replicationRun(event);
        LOG.info("job {}: {}", jobName, event.summary());
        signals.finished(new JobSignals.RunOutcome(event.hadError(), event.summary()));
        return event;
    }

    public Optional<ReplicationJobEvent> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    @Override
    public JobStatus status() {
        return PushJobBean.activeStatus("pull", signals, progress, invocation,
                trigger.nextRun().map(Instant::toString).orElse(JobStatus.MANUAL), lastRun.get());
    }
}
