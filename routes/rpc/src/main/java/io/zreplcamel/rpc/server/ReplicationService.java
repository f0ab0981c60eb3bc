package io.zreplcamel.rpc.server;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.rpc.convert.Pdu;
import io.zreplcamel.rpc.proto.DestroySnapshotsReq;
import io.zreplcamel.rpc.proto.DestroySnapshotsRes;
import io.zreplcamel.rpc.proto.FilesystemVersions;
import io.zreplcamel.rpc.proto.ListFilesystemVersionsReq;
import io.zreplcamel.rpc.proto.ListFilesystemVersionsRes;
import io.zreplcamel.rpc.proto.ListFilesystemsReq;
import io.zreplcamel.rpc.proto.ListFilesystemsRes;
import io.zreplcamel.rpc.proto.PingReq;
import io.zreplcamel.rpc.proto.PingRes;
import io.zreplcamel.rpc.proto.ReplicationCursor;
import io.zreplcamel.rpc.proto.ReplicationCursorsReq;
import io.zreplcamel.rpc.proto.ReplicationCursorsRes;
import io.zreplcamel.rpc.proto.ReplicationGrpc;
import io.zreplcamel.rpc.proto.SendCompletedReq;
import io.zreplcamel.rpc.proto.SendCompletedRes;
import io.zreplcamel.rpc.proto.SendDryRes;
import io.zreplcamel.rpc.proto.SendReq;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control RPC of one serving job: each call runs on the endpoint the job gives the caller's identity (taken
 * from the connection by {@link IdentityInterceptor}, never from the request). A failing call is answered with
 * status FAILED_PRECONDITION and the endpoint's message (INVALID_ARGUMENT for a malformed request), so the client
 * reports the serving side's own words.
 */
final class ReplicationService extends ReplicationGrpc.ReplicationImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationService.class);

    private final String jobName;
    private final ServedEndpoints endpoints;

    ReplicationService(String jobName, ServedEndpoints endpoints) {
        this.jobName = jobName;
        this.endpoints = endpoints;
    }

    private <R> void run(String what, StreamObserver<R> out, Function<Endpoint, R> call) {
        String identity = IdentityInterceptor.IDENTITY.get(Context.current());
        R result;
        try {
            if (identity == null) {
                throw new IllegalStateException("connection without an authenticated identity");
            }
            result = call.apply(endpoints.endpointFor(identity));
        } catch (IllegalArgumentException e) {
            LOG.warn("job {}: client {}: {} refused: {}", jobName, identity, what, e.getMessage());
            out.onError(Status.INVALID_ARGUMENT.withDescription(message(e)).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.warn("job {}: client {}: {} failed: {}", jobName, identity, what, message(e));
            out.onError(Status.FAILED_PRECONDITION.withDescription(message(e)).asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Sender sender(Endpoint e, String what) {
        if (!(e instanceof Sender s)) {
            throw new IllegalStateException(what + ": this job does not send (it is a sink; connect a push job to"
                    + " it, or point the pull job at a source)");
        }
        return s;
    }

    @Override
    public void ping(PingReq request, StreamObserver<PingRes> out) {
        out.onNext(PingRes.newBuilder().setEcho(request.getMessage()).build());
        out.onCompleted();
    }

    @Override
    public void listFilesystems(ListFilesystemsReq request, StreamObserver<ListFilesystemsRes> out) {
        run("list filesystems", out, e -> ListFilesystemsRes.newBuilder()
                .addAllFilesystems(e.listFilesystems().stream().map(Pdu::filesystem).toList()).build());
    }

    @Override
    public void listFilesystemVersions(ListFilesystemVersionsReq request,
            StreamObserver<ListFilesystemVersionsRes> out) {
        run("list versions", out, e -> {
            Map<String, List<FilesystemVersion>> versions = e.listVersions(request.getFilesystemsList());
            ListFilesystemVersionsRes.Builder b = ListFilesystemVersionsRes.newBuilder();
            versions.forEach((fs, vs) -> b.addFilesystems(FilesystemVersions.newBuilder().setFilesystem(fs)
                    .addAllVersions(Pdu.versionsOut(vs))));
            return b.build();
        });
    }

    @Override
    public void destroySnapshots(DestroySnapshotsReq request, StreamObserver<DestroySnapshotsRes> out) {
        run("destroy snapshots of " + request.getFilesystem(), out, e -> {
            List<FilesystemVersion> snapshots = Pdu.versionsIn(request.getSnapshotsList());
            for (FilesystemVersion v : snapshots) {
                if (!v.isSnapshot()) {
                    throw new IllegalArgumentException("destroy: " + v.fullName(request.getFilesystem())
                            + " is not a snapshot (only snapshots are destroyed by request)");
                }
            }
            return Pdu.destroyed(e.destroySnapshots(request.getFilesystem(), snapshots));
        });
    }

    @Override
    public void replicationCursors(ReplicationCursorsReq request, StreamObserver<ReplicationCursorsRes> out) {
        run("replication cursors", out, e -> {
            Map<String, Optional<FilesystemVersion>> cursors = sender(e, "replication cursors")
                    .replicationCursors(request.getFilesystemsList());
            ReplicationCursorsRes.Builder b = ReplicationCursorsRes.newBuilder();
            cursors.forEach((fs, c) -> {
                ReplicationCursor.Builder rc = ReplicationCursor.newBuilder().setFilesystem(fs);
                c.ifPresent(v -> rc.setCursor(Pdu.version(v)));
                b.addCursors(rc);
            });
            return b.build();
        });
    }

    @Override
    public void sendDry(SendReq request, StreamObserver<SendDryRes> out) {
        run("send dry-run of " + request.getFilesystem(), out, e -> SendDryRes.newBuilder()
                .setExpectedSize(Math.max(0, sender(e, "send").estimateSize(Pdu.step(request)))).build());
    }

    @Override
    public void sendCompleted(SendCompletedReq request, StreamObserver<SendCompletedRes> out) {
        run("send completed of " + request.getOriginal().getFilesystem(), out, e -> {
            sender(e, "send completed").sendCompleted(Pdu.step(request.getOriginal()));
            return SendCompletedRes.getDefaultInstance();
        });
    }
}
