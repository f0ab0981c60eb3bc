package io.zreplcamel.app.jobs;

import io.zreplcamel.app.transport.LocalEndpointServer;
import io.zreplcamel.app.transport.LocalTransport;
import io.zreplcamel.processors.endpoint.Sender;
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
 * The steps of the {@code zrepl-source-job} templates: its snapshot schedule ({@link #due}, {@link #snapshot},
 * {@link #report}; a source never prunes, its pull jobs do with keep_sender) and the serving step
 * ({@link #serve}) every request of a connected pull job runs through.
 */
public final class SourceJobBean implements StatusSource {

    private static final Logger LOG = LoggerFactory.getLogger(SourceJobBean.class);

    private final ScheduledSnapshots snapshots;
    private final Sender sender;
    private final Clock clock;
    private final AtomicReference<SourceSnapshotEvent> lastRun = new AtomicReference<>();
    private final RunProgress progress = new RunProgress();
    private final RunObserver observer;

    SourceJobBean(ScheduledSnapshots snapshots, Sender sender, Clock clock, RunObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String jobName() {
        return snapshots.jobName();
    }

    public boolean due() {
        return snapshots.due();
    }

    public void snapshot(Exchange exchange) {
        progress.started(clock.instant());
        progress.phase("snapshotting");
        snapshots.snapshot(exchange);
    }

    public SourceSnapshotEvent report(Exchange exchange) {
        Instant end = clock.instant();
        long skipped = snapshots.finished(end);
        SourceSnapshotEvent event = new SourceSnapshotEvent(jobName(),
                exchange.getProperty(ScheduledSnapshots.RUN_STARTED, end, Instant.class), end,
                ScheduledSnapshots.report(exchange), ScheduledSnapshots.error(exchange), snapshots.nextRun(),
                snapshots.skipped());
        lastRun.set(event);
        progress.finished();
        observer.sourceSnapshotRun(event);
        LOG.info("job {}: {}", jobName(), event.summary());
        return event;
    }

    public LocalTransport.Reply serve(Exchange exchange) {
        // every client identity gets the same sender: a source's filter and abstractions are per job, not per client
        return LocalEndpointServer.serve(exchange, jobName(), sender);
    }

    public Optional<SourceSnapshotEvent> lastRun() {
        return Optional.ofNullable(lastRun.get());
    }

    /** A source serves its clients all the time; its own runs are snapshot runs. */
    @Override
    public JobStatus status() {
        return JobStatus.of("source", "serving", progress.phase(), progress.startedText(),
                snapshots.nextRunStatus(), null, lastRun.get());
    }
}
