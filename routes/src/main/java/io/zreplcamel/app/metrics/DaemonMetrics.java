package io.zreplcamel.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zreplcamel.app.BuildInfo;
import io.zreplcamel.app.jobs.ReplicationJobEvent;
import io.zreplcamel.app.jobs.RunObserver;
import io.zreplcamel.app.jobs.SnapJobEvent;
import io.zreplcamel.app.jobs.SourceSnapshotEvent;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's Prometheus metrics (docs/metrics.md): zrepl's names where zrepl has the metric, with zrepl's labels
 * ({@code zrepl_job}, {@code filesystem}, {@code prune_side}), plus per filesystem what zrepl lacks (when it was last
 * replicated, how many bytes its last replication expected and moved), the JVM's own meters (as zrepl exports Go's),
 * and, through camel-micrometer's route policy, every route's exchanges. Updated from each finished run's event.
 *
 * <p>zrepl's counters are written with zrepl's exact names: Prometheus' Java client would append {@code _total} to a
 * counter, so they are gauges whose value only grows. Our own counters follow today's convention ({@code _total}).
 */
public final class DaemonMetrics implements RunObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Gauge values by meter name and label values; the gauges read them. */
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    public DaemonMetrics(Instant started) {
        long start = started.getEpochSecond();
        Gauge.builder("zrepl_start_time", () -> start)
                .description("Unix time the daemon started")
                .tag("raw", Long.toString(start))
                .tag("version_info", "zrepl-camel " + BuildInfo.version())
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The text exposition format, as {@code /metrics} serves it. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void replicationRun(ReplicationJobEvent event) {
        String job = event.job();
        runEnded(job, event.hadError(), event.finished());
        event.snapshots().ifPresent(s -> snapshots(job, s));
        InvocationReport i = event.invocation().orElse(null);
        AttemptReport last = i == null ? null : i.replication().lastAttempt().orElse(null);
        boolean planningFailed = last == null || last.state() == AttemptState.PLANNING_ERROR;
        long failed = planningFailed ? -1 : last.failedFilesystems();
        gauge("zrepl_replication_filesystem_errors", "failed filesystems in the latest attempt, -1 if planning"
                + " failed", "zrepl_job", job).set(failed);
        if (i == null) {
            return; // the invocation failed as a whole: nothing replicated, nothing pruned
        }
        if (failed == 0) {
            gauge("zrepl_replication_last_successful", "Unix time of the last replication without failed"
                    + " filesystems", "zrepl_job", job).set(i.finished().getEpochSecond());
        }
        for (FilesystemReport f : last == null ? List.<FilesystemReport>of() : last.filesystems()) {
            // zrepl's counter of bytes read from send streams, by job and filesystem (the sender's name)
            gauge("zrepl_replication_bytes_replicated", "bytes replicated (read from send streams)", "zrepl_job",
                    job, "filesystem", f.filesystem()).addAndGet(f.bytesReplicated());
            gauge("zrepl_replication_filesystem_last_bytes_expected", "size estimate of the filesystem's steps in"
                    + " its last replication", "zrepl_job", job, "filesystem", f.filesystem()).set(f.bytesExpected());
            gauge("zrepl_replication_filesystem_failed", "1 if the filesystem failed in the job's last replication",
                    "zrepl_job", job, "filesystem", f.filesystem()).set(f.state() == FilesystemState.FAILED ? 1 : 0);
            if (f.state() == FilesystemState.DONE) {
                gauge("zrepl_replication_filesystem_last_replicated_time", "Unix time the filesystem was last"
                        + " replicated completely (the receiver has everything the sender had to send)",
                        "zrepl_job", job, "filesystem", f.filesystem()).set(i.finished().getEpochSecond());
            }
        }
        pruning(job, i.senderPruning());
        pruning(job, i.receiverPruning());
    }

    @Override
    public void snapRun(SnapJobEvent event) {
        String job = event.job();
        runEnded(job, event.hadError(), event.finished());
        event.snapshots().ifPresent(s -> snapshots(job, s));
        event.destroyed().ifPresent(d -> pruned(job, "local", d.destroyed().size(), d.failed().size()));
    }

    @Override
    public void sourceSnapshotRun(SourceSnapshotEvent event) {
        event.snapshots().ifPresent(s -> snapshots(event.job(), s));
    }

    private void runEnded(String job, boolean hadError, Instant finished) {
        counter("zrepl_job_runs_total", "finished runs of the job", "zrepl_job", job, "outcome",
                hadError ? "error" : "ok").increment();
        gauge("zrepl_job_last_run_time", "Unix time the job's last run ended", "zrepl_job", job)
                .set(finished.getEpochSecond());
    }

    private void snapshots(String job, SnapshotRunReport s) {
        counter("zrepl_snapshots_taken_total", "snapshots taken by the job", "zrepl_job", job)
                .increment(s.snapshotsTaken().size());
        gauge("zrepl_snapshot_last_run_errors", "1 if the job's last snapshot run had errors", "zrepl_job", job)
                .set(s.hadError() ? 1 : 0);
    }

    private void pruning(String job, PruningReport p) {
        pruned(job, p.side(), p.destroyed().size(), p.failed().size() + (p.error().isPresent() ? 1 : 0));
    }

    private void pruned(String job, String side, int destroyed, int failed) {
        counter("zrepl_pruning_destroyed_total", "snapshots destroyed by pruning", "zrepl_job", job, "prune_side",
                side).increment(destroyed);
        gauge("zrepl_pruning_failed", "snapshots the last pruning run could not destroy", "zrepl_job", job,
                "prune_side", side).set(failed);
    }

    private Counter counter(String name, String help, String... tags) {
        return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    /** The value behind a gauge, registered on first use. */
    private AtomicLong gauge(String name, String help, String... tags) {
        String key = name + "\u0000" + String.join("\u0000", tags);
        return values.computeIfAbsent(key, k -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::doubleValue).description(help).tags(tags).register(registry);
            return v;
        });
    }
}
