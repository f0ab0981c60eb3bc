package io.zreplcamel.rpc.convert;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.rpc.proto.DestroySnapshotsRes;
import io.zreplcamel.rpc.proto.Filesystem;
import io.zreplcamel.rpc.proto.ReceiveReq;
import io.zreplcamel.rpc.proto.SendReq;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Between the processors' endpoint model and the protobuf messages of the RPC (the one place that knows both).
 * Messages from a peer are checked on the way in: a missing required field, an unknown enum value or an
 * impossible value is an {@link IllegalArgumentException} naming the field, before any endpoint sees the request.
 */
public final class Pdu {

    private Pdu() {
    }

    public static io.zreplcamel.rpc.proto.FilesystemVersion version(FilesystemVersion v) {
        return io.zreplcamel.rpc.proto.FilesystemVersion.newBuilder()
                .setType(v.isSnapshot() ? io.zreplcamel.rpc.proto.FilesystemVersion.Type.SNAPSHOT
                        : io.zreplcamel.rpc.proto.FilesystemVersion.Type.BOOKMARK)
                .setName(v.name())
                .setGuid(v.guid())
                .setCreateTxg(v.createTxg())
                .setCreationSeconds(v.creation().getEpochSecond())
                .setCreationNanos(v.creation().getNano())
                .build();
    }

    public static FilesystemVersion version(io.zreplcamel.rpc.proto.FilesystemVersion v) {
        if (v.getName().isEmpty()) {
            throw new IllegalArgumentException("filesystem version without a name");
        }
        if (v.getCreationNanos() < 0 || v.getCreationNanos() > 999_999_999) {
            throw new IllegalArgumentException("version " + v.getName() + ": creation nanos out of range");
        }
        Instant creation = Instant.ofEpochSecond(v.getCreationSeconds(), v.getCreationNanos());
        return switch (v.getType()) {
            case SNAPSHOT -> FilesystemVersion.snapshot(v.getName(), v.getGuid(), v.getCreateTxg(), creation);
            case BOOKMARK -> FilesystemVersion.bookmark(v.getName(), v.getGuid(), v.getCreateTxg(), creation);
            default -> throw new IllegalArgumentException("version " + v.getName() + ": unknown type "
                    + v.getTypeValue());
        };
    }

    public static List<io.zreplcamel.rpc.proto.FilesystemVersion> versionsOut(List<FilesystemVersion> vs) {
        return vs.stream().map(Pdu::version).toList();
    }

    public static List<FilesystemVersion> versionsIn(List<io.zreplcamel.rpc.proto.FilesystemVersion> vs) {
        return vs.stream().map(Pdu::version).toList();
    }

    public static Filesystem filesystem(EndpointFilesystem f) {
        Filesystem.Builder b = Filesystem.newBuilder()
                .setPath(f.path())
                .setIsPlaceholder(f.placeholder())
                .setResumeToken(f.resumeToken().orElse(""));
        f.snapshotsChanged().ifPresent(s -> b.setHasSnapshotsChanged(true).setSnapshotsChanged(s));
        return b.build();
    }

    public static EndpointFilesystem filesystem(Filesystem f) {
        if (f.getPath().isEmpty()) {
            throw new IllegalArgumentException("filesystem without a path");
        }
        return new EndpointFilesystem(f.getPath(), f.getIsPlaceholder(),
                f.getResumeToken().isEmpty() ? Optional.empty() : Optional.of(f.getResumeToken()),
                f.getHasSnapshotsChanged() ? OptionalLong.of(f.getSnapshotsChanged()) : OptionalLong.empty());
    }

    public static io.zreplcamel.rpc.proto.GuaranteeKind guarantee(GuaranteeKind k) {
        return switch (k) {
            case GUARANTEE_RESUMABILITY -> io.zreplcamel.rpc.proto.GuaranteeKind.GUARANTEE_RESUMABILITY;
            case GUARANTEE_INCREMENTAL -> io.zreplcamel.rpc.proto.GuaranteeKind.GUARANTEE_INCREMENTAL;
            case GUARANTEE_NOTHING -> io.zreplcamel.rpc.proto.GuaranteeKind.GUARANTEE_NOTHING;
        };
    }

    public static GuaranteeKind guarantee(io.zreplcamel.rpc.proto.GuaranteeKind k, String field) {
        return switch (k) {
            case GUARANTEE_RESUMABILITY -> GuaranteeKind.GUARANTEE_RESUMABILITY;
            case GUARANTEE_INCREMENTAL -> GuaranteeKind.GUARANTEE_INCREMENTAL;
            case GUARANTEE_NOTHING -> GuaranteeKind.GUARANTEE_NOTHING;
            default -> throw new IllegalArgumentException(field + ": invalid guarantee kind " + k);
        };
    }

    public static io.zreplcamel.rpc.proto.Protection protection(Protection p) {
        return io.zreplcamel.rpc.proto.Protection.newBuilder()
                .setInitial(guarantee(p.initial()))
                .setIncremental(guarantee(p.incremental()))
                .build();
    }

    public static Protection protection(io.zreplcamel.rpc.proto.Protection p) {
        return new Protection(guarantee(p.getInitial(), "protection.initial"),
                guarantee(p.getIncremental(), "protection.incremental"));
    }

    public static SendReq step(StepRequest s) {
        SendReq.Builder b = SendReq.newBuilder()
                .setFilesystem(s.filesystem())
                .setTo(version(s.to()))
                .setResumeToken(s.resumeToken().orElse(""))
                .setIncludeIntermediates(s.includeIntermediates())
                .setProtection(protection(s.protection()));
        s.from().ifPresent(f -> b.setFrom(version(f)));
        return b.build();
    }

    public static StepRequest step(SendReq r) {
        if (r.getFilesystem().isEmpty()) {
            throw new IllegalArgumentException("send request without a filesystem");
        }
        if (!r.hasTo()) {
            throw new IllegalArgumentException("send request for " + r.getFilesystem() + " without `to`");
        }
        if (!r.hasProtection()) {
            throw new IllegalArgumentException("send request for " + r.getFilesystem() + " without protection");
        }
        return new StepRequest(r.getFilesystem(), r.hasFrom() ? Optional.of(version(r.getFrom())) : Optional.empty(),
                version(r.getTo()), r.getResumeToken().isEmpty() ? Optional.empty() : Optional.of(r.getResumeToken()),
                r.getIncludeIntermediates(), protection(r.getProtection()));
    }

    public static ReceiveReq receive(ReceiveStep s) {
        return ReceiveReq.newBuilder()
                .setFilesystem(s.filesystem())
                .setTo(version(s.to()))
                .setClearResumeToken(s.clearResumeToken())
                .setProtection(protection(s.protection()))
                .build();
    }

    public static ReceiveStep receive(ReceiveReq r) {
        if (r.getFilesystem().isEmpty()) {
            throw new IllegalArgumentException("receive request without a filesystem");
        }
        if (!r.hasTo()) {
            throw new IllegalArgumentException("receive request for " + r.getFilesystem() + " without `to`");
        }
        if (!r.hasProtection()) {
            throw new IllegalArgumentException("receive request for " + r.getFilesystem() + " without protection");
        }
        return new ReceiveStep(r.getFilesystem(), version(r.getTo()), r.getClearResumeToken(),
                protection(r.getProtection()));
    }

    public static DestroySnapshotsRes destroyed(DestroyOutcome o) {
        return DestroySnapshotsRes.newBuilder().addAllDestroyed(o.destroyed()).putAllFailed(o.failed()).build();
    }

    public static DestroyOutcome destroyed(DestroySnapshotsRes r) {
        return new DestroyOutcome(r.getDestroyedList(), r.getFailedMap());
    }
}
