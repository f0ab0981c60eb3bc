package io.zreplcamel.app.jobs;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.zfs.Zfs;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The daemon's endpoints: {@code LocalSender} / {@code LocalReceiver} over the context's zfs component. Names in
 * cursors and holds are the job's own name: a push's or source's for the sender's abstractions, a pull's or sink's for
 * the last-received holds.
 */
final class ZfsJobEndpoints implements JobEndpoints {

    private final Supplier<Zfs> zfs;

    ZfsJobEndpoints(Supplier<Zfs> zfs) {
        this.zfs = Objects.requireNonNull(zfs, "zfs");
    }

    @Override
    public Sender pushSender(PushJob job) {
        throw new UnsupportedOperationException("LocalSender is not merged yet");
    }

    @Override
    public Sender sourceSender(SourceJob job) {
        throw new UnsupportedOperationException("LocalSender is not merged yet");
    }

    @Override
    public Receiver pullReceiver(PullJob job) {
        return new LocalReceiver(zfs, job.name(), job.rootFs(), Optional.empty(), job.recv(),
                limiter(job.recv().bandwidthLimit()));
    }

    @Override
    public Receiver sinkReceiver(SinkJob job, String clientIdentity) {
        return new LocalReceiver(zfs, job.name(), job.rootFs(), Optional.of(clientIdentity), job.recv(),
                limiter(job.recv().bandwidthLimit()));
    }

    private static UnaryOperator<InputStream> limiter(BandwidthLimit limit) {
        if (limit.unlimited()) {
            // identity: the local zfs send pipe reaches zfs recv untouched (direct pipe)
            return UnaryOperator.identity();
        }
        throw new UnsupportedOperationException("BandwidthLimiter is not merged yet");
    }
}
