package io.zreplcamel.rpc.client;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.rpc.convert.Pdu;
import io.zreplcamel.rpc.proto.DestroySnapshotsReq;
import io.zreplcamel.rpc.proto.FilesystemVersions;
import io.zreplcamel.rpc.proto.ListFilesystemVersionsReq;
import io.zreplcamel.rpc.proto.ListFilesystemsReq;
import io.zreplcamel.rpc.proto.PingReq;
import io.zreplcamel.rpc.proto.ReplicationCursor;
import io.zreplcamel.rpc.proto.ReplicationCursorsReq;
import io.zreplcamel.rpc.proto.ReplicationGrpc;
import io.zreplcamel.rpc.proto.SendCompletedReq;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.data.DataChannelConfig;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The passive peer of an active job over a network transport, as the replication engine sees it: a {@link Sender}
 * (pull) or {@link Receiver} (push) whose calls are the control RPC (gRPC over a transport connection) and whose
 * streams are data requests on connections of their own ({@link DataRequests}). A peer that cannot be reached, a cut
 * link or a silent peer is a {@link TemporaryConnectivityException} (the driver waits and retries, resuming from the
 * token); what the peer refused is a {@link RemoteEndpointException} with the peer's words.
 */
public final class RemoteEndpoint implements Sender, Receiver, AutoCloseable {

    private final String jobName;
    private final Dialer dialer;
    private final Duration callTimeout;
    private final DefaultEventLoopGroup bridgeLoops = new DefaultEventLoopGroup(1,
            new io.netty.util.concurrent.DefaultThreadFactory("zrepl-control", true));
    private final ControlBridge bridge;
    /** Replaced by a fresh one when it fails (see {@link #call(String, boolean, Supplier)}). */
    private volatile ManagedChannel channel;
    private final DataRequests data;

    /**
     * @param callTimeout the longest one control call may take (listing a large pool, destroying many snapshots)
     */
    public RemoteEndpoint(String jobName, Dialer dialer, DataChannelConfig config, Duration callTimeout) {
        this.jobName = jobName;
        this.dialer = dialer;
        this.callTimeout = callTimeout;
        this.bridge = new ControlBridge(bridgeLoops, dialer, config, jobName);
        this.channel = newChannel();
        this.data = new DataRequests(jobName, dialer, config);
    }

    private ManagedChannel newChannel() {
        return NettyChannelBuilder.forAddress(bridge.address())
                .channelType(LocalChannel.class)
                .eventLoopGroup(bridgeLoops)
                .usePlaintext()
                .keepAliveTime(10, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
    }

    /** A fresh channel in place of {@code failed} (unless another thread replaced it already); the old one ends. */
    private synchronized void replace(ManagedChannel failed) {
        if (channel == failed) {
            channel = newChannel();
            failed.shutdownNow();
        }
    }

    private ReplicationGrpc.ReplicationBlockingStub stub() {
        return ReplicationGrpc.newBlockingStub(channel).withDeadlineAfter(callTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private <T> T call(String what, Supplier<T> call) {
        return call(what, true, call);
    }

    /**
     * One control call. After failed connections a gRPC channel waits out a growing reconnect backoff (up to 2 min)
     * and fails calls at once meanwhile with the old failure, and a call made while a doomed dial is under way fails
     * with it. A replication attempt is our retry unit (zrepl dials afresh each time), so a channel that failed is
     * replaced by a fresh one (no backoff; in-JVM, cheap), and a call that found the peer unavailable is, when it is
     * safe to repeat, made once more on the fresh channel before it counts as failed.
     *
     * @param repeatable whether the call may be sent twice (everything but destroy, whose second try would report
     *                   the snapshots the first destroyed as failures)
     */
    private <T> T call(String what, boolean repeatable, Supplier<T> call) {
        ManagedChannel current = channel;
        if (current.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            replace(current);
        }
        current = channel;
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                throw translate(what, e);
            }
            replace(current);
            if (!repeatable) {
                throw translate(what, e);
            }
            try {
                return call.get();
            } catch (StatusRuntimeException again) {
                throw translate(what, again);
            }
        }
    }

    private RuntimeException translate(String what, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        String description = e.getStatus().getDescription();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.CANCELLED) {
            String why = bridge.lastFailure();
            return new TemporaryConnectivityException("job " + jobName + ": " + what + ": peer " + dialer.describe()
                    + " not reachable: " + (why != null ? why : code + (description == null ? "" : ": "
                    + description)), e);
        }
        return new RemoteEndpointException("job " + jobName + ": " + what + ": peer " + dialer.describe() + ": "
                + (description == null ? code.toString() : description), e);
    }

    /** A round trip over the control channel. */
    public String ping(String message) {
        return call("ping", () -> stub().ping(PingReq.newBuilder().setMessage(message).build()).getEcho());
    }

    @Override
    public List<EndpointFilesystem> listFilesystems() {
        return call("list filesystems", () -> stub().listFilesystems(ListFilesystemsReq.getDefaultInstance())
                .getFilesystemsList().stream().map(Pdu::filesystem).toList());
    }

    @Override
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        return call("list versions", () -> {
            Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
            for (FilesystemVersions fv : stub().listFilesystemVersions(ListFilesystemVersionsReq.newBuilder()
                    .addAllFilesystems(filesystems).build()).getFilesystemsList()) {
                out.put(fv.getFilesystem(), Pdu.versionsIn(fv.getVersionsList()));
            }
            for (String fs : filesystems) {
                out.putIfAbsent(fs, List.of());
            }
            return out;
        });
    }

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        return call("destroy snapshots of " + filesystem, false, () -> Pdu.destroyed(stub().destroySnapshots(
                DestroySnapshotsReq.newBuilder().setFilesystem(filesystem)
                        .addAllSnapshots(Pdu.versionsOut(snapshots)).build())));
    }

    @Override
    public long estimateSize(StepRequest step) {
        return call("send dry-run of " + step.describe(), () -> stub().sendDry(Pdu.step(step)).getExpectedSize());
    }

    @Override
    public OutgoingStream send(StepRequest step) {
        return data.send(step);
    }

    @Override
    public void sendCompleted(StepRequest step) {
        call("send completed of " + step.describe(), () -> stub().sendCompleted(SendCompletedReq.newBuilder()
                .setOriginal(Pdu.step(step)).build()));
    }

    @Override
    public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
        return call("replication cursors", () -> {
            Map<String, Optional<FilesystemVersion>> out = new LinkedHashMap<>();
            for (ReplicationCursor c : stub().replicationCursors(ReplicationCursorsReq.newBuilder()
                    .addAllFilesystems(filesystems).build()).getCursorsList()) {
                out.put(c.getFilesystem(), c.hasCursor() ? Optional.of(Pdu.version(c.getCursor()))
                        : Optional.empty());
            }
            for (String fs : filesystems) {
                out.putIfAbsent(fs, Optional.empty());
            }
            return out;
        });
    }

    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        return data.receive(step, stream);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bridge.close();
        dialer.close();
        bridgeLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
