package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.guarantee.AbstractionNames;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.Placeholders;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.EncryptedForceReceiveException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.Hold;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.stream.ReceiveResult;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The receiving side over the local zfs layer (zrepl's receiver endpoint, spec §7.7–§7.9): everything lands below
 * the client root ({@link ClientRoot}), missing parents become placeholders, a placeholder is replaced by a forced
 * receive only while it has no snapshots, and each received snapshot gets this job's last-received hold.
 *
 * <p>Listing is bulk: one {@code zfs get -r} for the filesystems, one {@code zfs list -r} for the versions,
 * whatever their number. A receive costs a handful of short processes around the {@code zfs recv} itself.
 */
public final class LocalReceiver implements Receiver {

    static final String RESUME_TOKEN = "receive_resume_token";
    static final String SNAPSHOTS_CHANGED = "snapshots_changed";

    /** Creating parents is check-then-create: receivers of all jobs in this JVM take turns (zrepl's global mutex). */
    private static final Object PLACEHOLDER_LOCK = new Object();

    private static final Comparator<FilesystemVersion> OLDEST_FIRST = Comparator
            .comparingLong(FilesystemVersion::createTxg)
            .thenComparing(v -> v.isSnapshot() ? 1 : 0);

    private final Supplier<Zfs> zfs;
    private final String jobId;
    private final ClientRoot root;
    private final RecvOptions recvOptions;
    private final UnaryOperator<InputStream> limiter;
    private final String holdTag;
    private final SnapshotsChangedCache versionCache;

    /**
     * @param jobId          the receiving job's name (last-received holds)
     * @param rootFs         the job's {@code root_fs}; must exist
     * @param clientIdentity sink: the client's identity, giving the client root {@code rootFs/<identity>}; pull:
     *                       empty, the client root is {@code rootFs}
     * @param limiter        the receive-side bandwidth limit; {@link UnaryOperator#identity()} for none, which keeps
     *                       the direct pipe from a local {@code zfs send}
     */
    public LocalReceiver(Supplier<Zfs> zfs, String jobId, String rootFs, Optional<String> clientIdentity,
            RecvOptions recvOptions, UnaryOperator<InputStream> limiter) {
        this(zfs, jobId, rootFs, clientIdentity, recvOptions, limiter, SnapshotsChangedCache.systemClock());
    }

    LocalReceiver(Supplier<Zfs> zfs, String jobId, String rootFs, Optional<String> clientIdentity,
            RecvOptions recvOptions, UnaryOperator<InputStream> limiter, SnapshotsChangedCache versionCache) {
        this.versionCache = Objects.requireNonNull(versionCache, "versionCache");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.root = new ClientRoot(rootFs, clientIdentity);
        this.recvOptions = Objects.requireNonNull(recvOptions, "recvOptions");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.holdTag = AbstractionNames.lastReceivedHold(jobId);
    }

    public ClientRoot clientRoot() {
        return root;
    }

    // ------------------------------------------------------------------ listing

    @Override
    public List<EndpointFilesystem> listFilesystems() {
        Zfs z = zfs.get();
        List<String> props = new ArrayList<>(List.of(Placeholders.PROPERTY, RESUME_TOKEN));
        boolean snapshotsChanged = z.version().atLeast(2, 2);
        if (snapshotsChanged) {
            props.add(SNAPSHOTS_CHANGED);
        }
        List<PropertyValue> values;
        try {
            // zfs get, not zfs list: only get shows the source, and a placeholder is a *local* zrepl:placeholder
            // (user properties are inherited, so every child of a placeholder shows "on" too)
            values = z.get(List.of(root.dataset()), props, true, -1,
                    EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME));
        } catch (DatasetNotFoundException e) {
            requireRootFs(z);
            return List.of(); // the client root is created with the first receive
        }
        Map<String, Map<String, PropertyValue>> byDataset = new LinkedHashMap<>();
        for (PropertyValue v : values) {
            byDataset.computeIfAbsent(v.dataset(), k -> new LinkedHashMap<>()).put(v.property(), v);
        }
        Map<String, OptionalLong> observed = new LinkedHashMap<>();
        byDataset.forEach((dataset, p) -> observed.put(dataset,
                snapshotsChanged ? seconds(p.get(SNAPSHOTS_CHANGED)) : OptionalLong.empty()));
        versionCache.observe(observed, this::inClientRoot);
        List<EndpointFilesystem> out = new ArrayList<>();
        byDataset.forEach((dataset, p) -> root.relativize(dataset).ifPresent(path -> out.add(
                new EndpointFilesystem(path, isPlaceholder(p.get(Placeholders.PROPERTY)), token(p.get(RESUME_TOKEN)),
                        snapshotsChanged ? seconds(p.get(SNAPSHOTS_CHANGED)) : OptionalLong.empty()))));
        return out;
    }

    private boolean inClientRoot(String dataset) {
        return dataset.equals(root.dataset()) || dataset.startsWith(root.dataset() + "/");
    }

    /**
     * One {@code zfs list -r -t snapshot,bookmark} of the client root, whatever the number of filesystems; none
     * for filesystems whose {@code snapshots_changed} shows no change since they were last listed
     * ({@link SnapshotsChangedCache}), and a {@code zfs list -d 1} of only the others when some are unchanged.
     */
    @Override
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        Map<String, String> pathOf = new LinkedHashMap<>();
        for (String fs : filesystems) {
            pathOf.put(root.resolve(fs), fs);
        }
        Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
        pathOf.values().forEach(p -> out.put(p, List.of()));
        Map<String, String> toList = new LinkedHashMap<>();
        pathOf.forEach((dataset, path) -> versionCache.lookup(dataset).ifPresentOrElse(
                cached -> out.put(path, cached), () -> toList.put(dataset, path)));
        if (toList.isEmpty()) {
            return out;
        }
        SnapshotsChangedCache.Listing listing = versionCache.startListing(toList.keySet());
        Map<String, List<FilesystemVersion>> listed = new LinkedHashMap<>();
        toList.keySet().forEach(d -> listed.put(d, new ArrayList<>()));
        for (DatasetEntry e : listVersionEntries(toList.keySet(), toList.size() < pathOf.size())) {
            List<FilesystemVersion> versions = listed.get(e.dataset());
            if (versions != null) {
                versions.add(version(e));
            }
        }
        listed.forEach((dataset, versions) -> {
            versions.sort(OLDEST_FIRST);
            List<FilesystemVersion> frozen = List.copyOf(versions);
            listing.record(dataset, frozen);
            out.put(toList.get(dataset), frozen);
        });
        return out;
    }

    /** The client root recursively, or (when only some are wanted) just those; a missing dataset lists nothing. */
    private List<DatasetEntry> listVersionEntries(Collection<String> datasets, boolean onlyThese) {
        EnumSet<DatasetType> types = EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK);
        if (onlyThese) {
            try {
                return zfs.get().list(new ListRequest(List.copyOf(datasets), types, false, 1, List.of()));
            } catch (DatasetNotFoundException e) {
                // one of them is gone: the recursive listing below shows what is there
            }
        }
        try {
            return zfs.get().list(new ListRequest(List.of(root.dataset()), types, true, -1, List.of()));
        } catch (DatasetNotFoundException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ receive

    @Override
    public long receive(ReceiveStep step, InputStream stream) {
        try {
            return receiveBelowRoot(step, stream);
        } finally {
            // received, aborted or failed half-way: its versions and token are listed anew next time
            try {
                versionCache.forget(root.resolve(step.filesystem()));
            } catch (RuntimeException outsideRoot) {
                // refused by resolve before anything was received: nothing cached for it
            }
        }
    }

    private long receiveBelowRoot(ReceiveStep step, InputStream stream) {
        Zfs z = zfs.get();
        String target;
        Target before;
        ReceiveRequest request;
        try {
            target = root.resolve(step.filesystem());
            ZfsNames.shortNameProblem(step.to().name()).ifPresent(p -> {
                throw new IllegalArgumentException("receive `to` " + step.to().name() + " of " + step.filesystem()
                        + " is not a valid snapshot name: " + p);
            });
            synchronized (PLACEHOLDER_LOCK) {
                before = prepare(z, target);
            }
            if (step.clearResumeToken() && before.resumeToken().isPresent()) {
                z.abortResumableReceive(target);
            }
            request = ReceiveRequest.into(target)
                    .withResumable(z.poolSupportsResumableReceive(ZfsNames.poolOf(target)))
                    .withForce(before.placeholder())
                    .withOverrideProperties(recvOptions.overrideProperties())
                    .withExcludeProperties(recvOptions.inheritProperties());
        } catch (RuntimeException e) {
            closeQuietly(stream);
            throw e;
        }
        InputStream limited = limiter.apply(stream);
        ReceiveResult result;
        try {
            // an identity limiter returns the very stream: a local ZfsSendStream then reaches Zfs.receive
            // untouched and zfs recv reads the send pipe itself
            result = z.receive(request.withDirectPipe(limited == stream), limited);
        } catch (RuntimeException e) {
            if (before.placeholder()) {
                restorePlaceholder(z, target);
            }
            if (e instanceof EncryptedForceReceiveException) {
                throw new ZfsException("cannot replace placeholder " + target + " with the incoming stream of "
                        + step.to().fullName(step.filesystem()) + ": ZFS refuses a forced receive that replaces an "
                        + "encrypted filesystem or puts an encrypted stream over an unencrypted one. Create the "
                        + "placeholders with a matching recv.placeholder.encryption (off for unencrypted streams "
                        + "below an unencrypted root_fs), or rename " + target + " away and let the next run "
                        + "receive it anew (" + e.getMessage() + ")");
            }
            throw e;
        }
        afterReceive(z, target, step, isInitial(before));
        return result.bytes() == ReceiveResult.UNKNOWN_BYTES ? -1 : result.bytes();
    }

    /**
     * Whether the stream was a full (initial) one, which picks the guarantee mode of the last-received hold: the
     * target did not exist, was a placeholder (replaced by a forced full receive), or held the partial state of a
     * full receive (its token has no {@code fromguid}; a resumed or aborted one leaves no snapshot behind).
     */
    private static boolean isInitial(Target before) {
        if (!before.exists() || before.placeholder()) {
            return true;
        }
        return before.resumeToken().map(t -> {
            try {
                return !ResumeTokenDecoder.decode(t).incremental();
            } catch (RuntimeException undecodable) {
                return false;
            }
        }).orElse(false);
    }

    /** What the target looked like before the receive (after its parents were made). */
    record Target(boolean exists, boolean placeholder, Optional<String> resumeToken) {
    }

    private Target prepare(Zfs z, String target) {
        Optional<Map<String, PropertyValue>> props = properties(z, target);
        if (props.isEmpty()) {
            createParents(z, target);
            return new Target(false, false, Optional.empty());
        }
        Optional<String> token = token(props.get().get(RESUME_TOKEN));
        if (!isPlaceholder(props.get().get(Placeholders.PROPERTY))) {
            return new Target(true, false, token);
        }
        List<DatasetEntry> snapshots = z.listVersions(target, EnumSet.of(DatasetType.SNAPSHOT));
        if (!snapshots.isEmpty()) {
            throw new ZfsException("refusing a forced receive into placeholder " + target + ": it has snapshots ("
                    + String.join(", ", snapshots.stream().map(DatasetEntry::shortName).toList())
                    + ") and a forced receive would roll back over them. Destroy them if they hold nothing of "
                    + "value (zfs destroy " + snapshots.get(0).name() + "), or move " + target + " out of the way");
        }
        // zrepl marks the replaced placeholder "off" first: the received filesystem keeps its local properties
        z.set(target, Map.of(Placeholders.PROPERTY, Placeholders.OFF));
        return new Target(true, true, token);
    }

    /** Walks up from the target to the first existing ancestor, then creates the missing ones top-down. */
    private void createParents(Zfs z, String target) {
        List<String> ancestors = root.ancestorsBelowRootFs(target);
        List<String> missing = new ArrayList<>();
        for (int i = ancestors.size() - 1; i >= 0 && !exists(z, ancestors.get(i)); i--) {
            missing.add(0, ancestors.get(i));
        }
        if (missing.size() == ancestors.size()) {
            requireRootFs(z);
        }
        for (String ds : missing) {
            createPlaceholder(z, ds, target);
        }
    }

    private void createPlaceholder(Zfs z, String dataset, String target) {
        PlaceholderEncryption mode = root.isIdentityDataset(dataset) ? PlaceholderEncryption.INHERIT
                : recvOptions.placeholderEncryption();
        switch (mode) {
            case UNSPECIFIED -> throw new ZfsException("cannot create placeholder " + dataset + " (parent of "
                    + target + "): placeholder filesystem encryption handling is unspecified in receiver config. "
                    + "Set recv.placeholder.encryption of job " + jobId + " to inherit (placeholders encrypted "
                    + "like their parent) or off (unencrypted), or create " + dataset + " yourself");
            case INHERIT -> z.createPlaceholder(dataset, false);
            case OFF -> {
                try {
                    z.createPlaceholder(dataset, true);
                } catch (ZfsCommandException e) {
                    throw new ZfsException("cannot create unencrypted placeholder " + dataset + " (parent of "
                            + target + ", recv.placeholder.encryption: off of job " + jobId + "): " + e.getMessage()
                            + ". Create " + dataset + " yourself, or use inherit (OpenZFS before 0.8.2 allows no "
                            + "unencrypted dataset below an encrypted one)", e);
                }
            }
            default -> throw new IllegalStateException("unknown placeholder encryption " + mode);
        }
    }

    private void restorePlaceholder(Zfs z, String target) {
        try {
            Optional<Map<String, PropertyValue>> props = properties(z, target);
            // with partial receive state the next attempt resumes into it: it must not be forced again
            if (props.isPresent() && token(props.get().get(RESUME_TOKEN)).isEmpty()) {
                z.set(target, Map.of(Placeholders.PROPERTY, Placeholders.ON));
            }
        } catch (RuntimeException ignored) {
            // the receive's own error is what the caller needs; the next listing shows the state
        }
    }

    /** Verifies {@code to} by guid, then moves this job's last-received hold to it. */
    private void afterReceive(Zfs z, String target, ReceiveStep step, boolean initial) {
        List<DatasetEntry> snapshots = z.listVersions(target, EnumSet.of(DatasetType.SNAPSHOT));
        FilesystemVersion to = step.to();
        DatasetEntry received = snapshots.stream().filter(e -> e.shortName().equals(to.name())).findFirst()
                .orElseThrow(() -> new ZfsException("receive into " + target + " succeeded but " + to.name()
                        + " is not there: the stream did not end at the requested `to`"));
        if (received.guid() != to.guid()) {
            throw new ZfsException("receive request's `to` version does not match what we received in the stream: "
                    + target + "@" + to.name() + " has guid " + received.guidString() + ", the request said "
                    + Long.toUnsignedString(to.guid()) + " (the snapshot is kept; check which sender wrote it)");
        }
        boolean hold = step.protection().forStep(initial) != GuaranteeKind.GUARANTEE_NOTHING;
        String toName = target + "@" + to.name();
        if (hold) {
            z.hold(holdTag, List.of(toName), false);
        }
        List<String> held = snapshots.stream()
                .filter(e -> e.userRefs().orElse(0) > 0 && !(hold && e.name().equals(toName)))
                .map(DatasetEntry::name).toList();
        if (held.isEmpty()) {
            return;
        }
        List<String> ours = z.holds(held, false).stream().filter(h -> h.tag().equals(holdTag))
                .map(Hold::snapshot).distinct().toList();
        if (!ours.isEmpty()) {
            z.release(holdTag, ours, false);
        }
    }

    // ------------------------------------------------------------------ destroy

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        String dataset = root.resolve(filesystem);
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (FilesystemVersion v : snapshots) {
            if (!v.isSnapshot()) {
                failed.put(v.name(), "not a snapshot: the receiver destroys only snapshots, never bookmarks");
            } else if (ZfsNames.shortNameProblem(v.name()).isPresent()) {
                failed.put(v.name(), "not a valid snapshot name: " + ZfsNames.shortNameProblem(v.name()).get());
            } else {
                names.add(dataset + "@" + v.name());
            }
        }
        List<String> destroyed = new ArrayList<>();
        if (!names.isEmpty()) {
            DestroyResult r;
            try {
                r = zfs.get().destroySnapshots(names);
            } finally {
                versionCache.forget(dataset);
            }
            r.destroyed().forEach(s -> destroyed.add(ZfsNames.shortNameOf(s)));
            r.failed().forEach((s, e) -> failed.put(ZfsNames.shortNameOf(s), e.getMessage()));
        }
        return new DestroyOutcome(destroyed, failed);
    }

    // ------------------------------------------------------------------ helpers

    private void requireRootFs(Zfs z) {
        if (!exists(z, root.rootFs())) {
            throw new ZfsException(root.rootFs().indexOf('/') < 0
                    ? "pool " + root.rootFs() + " not imported (root_fs of job " + jobId + ")"
                    : "root_fs " + root.rootFs() + " does not exist: create it (zfs create " + root.rootFs()
                            + ") for job " + jobId);
        }
    }

    private static boolean exists(Zfs z, String dataset) {
        return properties(z, dataset).isPresent();
    }

    private static Optional<Map<String, PropertyValue>> properties(Zfs z, String dataset) {
        try {
            Map<String, PropertyValue> m = new LinkedHashMap<>();
            for (PropertyValue v : z.get(List.of(dataset), List.of(Placeholders.PROPERTY, RESUME_TOKEN), false, -1,
                    null)) {
                m.put(v.property(), v);
            }
            return Optional.of(m);
        } catch (DatasetNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean isPlaceholder(PropertyValue v) {
        return v != null && Placeholders.isPlaceholder(v);
    }

    private static Optional<String> token(PropertyValue v) {
        if (v == null || v.value().equals("-") || v.value().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(v.value());
    }

    private static OptionalLong seconds(PropertyValue v) {
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.value()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static FilesystemVersion version(DatasetEntry e) {
        return e.type() == DatasetType.BOOKMARK
                ? FilesystemVersion.bookmark(e.shortName(), e.guid(), e.createTxg(), e.creation())
                : FilesystemVersion.snapshot(e.shortName(), e.guid(), e.createTxg(), e.creation());
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // best effort: closing a send stream kills the send
        }
    }
}
