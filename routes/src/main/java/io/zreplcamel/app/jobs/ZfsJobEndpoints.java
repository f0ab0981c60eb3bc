package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.bandwidth.BandwidthLimiter;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.processors.endpoint.local.LocalSender;
import io.zreplcamel.zfs.Zfs;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The daemon's endpoints: {@code LocalSender} / {@code LocalReceiver} over the context's zfs component. Names in
 * cursors and holds are the job's own name: a push's or source's for the sender's abstractions, a pull's or sink's for
 * the last-received holds.
 */
final class ZfsJobEndpoints implements JobEndpoints {

    private final Supplier<Zfs> zfs;
    private final Map<String, UnaryOperator<InputStream>> sinkLimiters = new ConcurrentHashMap<>();

    ZfsJobEndpoints(Supplier<Zfs> zfs) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
    }

    @Override
    public Sender pushSender(PushJob job) {
        return new LocalSender(zfs, job.name(), job.filesystems(), job.send(),
                BandwidthLimiter.of(job.send().bandwidthLimit()));
    }

    @Override
    public Sender sourceSender(SourceJob job) {
        return new LocalSender(zfs, job.name(), job.filesystems(), job.send(),
                BandwidthLimiter.of(job.send().bandwidthLimit()));
    }

    @Override
    public Receiver pullReceiver(PullJob job) {
        return new LocalReceiver(zfs, job.name(), job.rootFs(), Optional.empty(), job.recv(),
                limiter(job.recv().bandwidthLimit()));
    }

    /** Every client of a sink shares the job's one bandwidth limit (zrepl: one bucket per job and side). */
    @Override
    public Receiver sinkReceiver(SinkJob job, String clientIdentity) {
        UnaryOperator<InputStream> limiter = sinkLimiters.computeIfAbsent(job.name(),
                n -> limiter(job.recv().bandwidthLimit()));
        return new LocalReceiver(zfs, job.name(), job.rootFs(), Optional.of(clientIdentity), job.recv(), limiter);
    }

    static UnaryOperator<InputStream> limiter(BandwidthLimit limit) {
        BandwidthLimiter limiter = BandwidthLimiter.of(limit);
        // identity when unlimited: the local zfs send pipe reaches zfs recv untouched (direct pipe)
        return limiter.isUnlimited() ? UnaryOperator.identity() : limiter::limit;
    }
}
