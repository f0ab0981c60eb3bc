package io.zreplcamel.processors.endpoint.local;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.bandwidth.BandwidthLimiter;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.guarantee.Abstraction;
import io.zreplcamel.processors.replication.guarantee.AbstractionParser;
import io.zreplcamel.processors.replication.guarantee.AbstractionType;
import io.zreplcamel.processors.replication.guarantee.GuaranteeActions;
import io.zreplcamel.zfs.ListRequest;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import io.zreplcamel.zfs.token.ResumeToken;
import io.zreplcamel.zfs.token.ResumeTokenDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The sending side over the local pools (zrepl's sender endpoint, spec §7.6): confined to the job's filesystem
 * filter, protects each step with its guarantee mode's holds or bookmarks, cleans up the job's stale ones, and
 * starts {@code zfs send}. Listing is bulk: {@link #listFilesystems()} and {@link #listVersions} cost one
 * {@code zfs} process each, whatever the number of filesystems.
 */
public final class LocalSender implements Sender {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalSender.class);

    static final String PLACEHOLDER_PROPERTY = "zrepl:placeholder";
    static final String SNAPSHOTS_CHANGED = "snapshots_changed";
    private static final EnumSet<DatasetType> DATASETS = EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME);
    private static final EnumSet<DatasetType> VERSIONS = EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK);
    private static final Comparator<FilesystemVersion> OLDEST_FIRST = Comparator
            .comparingLong(FilesystemVersion::createTxg)
            .thenComparing(v -> v.isSnapshot());

    private final Supplier<Zfs> zfs;
    private final String jobId;
    private final FilesystemFilter filter;
    private final SendOptions sendOptions;
    private final BandwidthLimiter limiter;
    private final LocalAbstractions abstractions;
    private final SnapshotsChangedCache versionCache;

    public LocalSender(Supplier<Zfs> zfs, String jobId, FilesystemFilter filter, SendOptions sendOptions,
            BandwidthLimiter limiter) {
        this(zfs, jobId, filter, sendOptions, limiter, SnapshotsChangedCache.systemClock());
    }

    LocalSender(Supplier<Zfs> zfs, String jobId, FilesystemFilter filter, SendOptions sendOptions,
            BandwidthLimiter limiter, SnapshotsChangedCache versionCache) {
        this.versionCache = Objects.requireNonNull(versionCache, "versionCache");
        this.zfs = Objects.requireNonNull(zfs, "zfs");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.sendOptions = Objects.requireNonNull(sendOptions, "sendOptions");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.abstractions = new LocalAbstractions(zfs);
        // fail now, not at the first step, for a job name that cannot be part of a hold tag or bookmark
        io.zreplcamel.processors.replication.guarantee.AbstractionNames.stepHold(jobId);
    }

    // ------------------------------------------------------------------ listing

    /**
     * One {@code zfs get} over every filesystem and volume (no dataset arguments) for {@code zrepl:placeholder}
     * and, on OpenZFS ≥ 2.2, {@code snapshots_changed}: a {@code zfs get} rather than a {@code zfs list} because
     * only it shows the property's source, and a placeholder is one whose property is set locally — its received
     * children inherit the value and are real filesystems. The filter is applied in-process.
     */
    @Override
    public List<EndpointFilesystem> listFilesystems() {
        Zfs z = zfs.get();
        List<String> props = new ArrayList<>(List.of(PLACEHOLDER_PROPERTY));
        boolean changed = z.version().atLeast(2, 2);
        if (changed) {
            props.add(SNAPSHOTS_CHANGED);
        }
        Map<String, Map<String, PropertyValue>> byDataset = new LinkedHashMap<>();
        for (PropertyValue v : z.getAll(props, DATASETS)) {
            byDataset.computeIfAbsent(v.dataset(), d -> new LinkedHashMap<>()).put(v.property(), v);
        }
        Map<String, OptionalLong> observed = new LinkedHashMap<>();
        byDataset.forEach((fs, p) -> observed.put(fs, parseSeconds(p.get(SNAPSHOTS_CHANGED))));
        versionCache.observe(observed, fs -> true);
        List<EndpointFilesystem> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, PropertyValue>> e : byDataset.entrySet()) {
            String fs = e.getKey();
            if (!filter.accepts(fs)) {
                continue;
            }
            PropertyValue placeholder = e.getValue().get(PLACEHOLDER_PROPERTY);
            PropertyValue snapshotsChanged = e.getValue().get(SNAPSHOTS_CHANGED);
            out.add(new EndpointFilesystem(fs, placeholder != null && isPlaceholder(fs, placeholder),
                    Optional.empty(), parseSeconds(snapshotsChanged)));
        }
        out.sort(Comparator.comparing(EndpointFilesystem::path));
        return out;
    }

    /** Local {@code on}, or the pre-0.1 value: hex SHA-512/256 of the dataset path (spec §7.8). */
    static boolean isPlaceholder(String fs, PropertyValue v) {
        if (v.source().kind() != PropertySource.Kind.LOCAL) {
            return false;
        }
        return v.value().equals("on") || v.value().equals(legacyPlaceholderValue(fs));
    }

    static String legacyPlaceholderValue(String fs) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512/256")
                    .digest(fs.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512/256", e);
        }
    }

    private static OptionalLong parseSeconds(PropertyValue v) {
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.value()));
        } catch (NumberFormatException notSet) {
            return OptionalLong.empty();
        }
    }

    /**
     * ONE {@code zfs list -d 1 -t snapshot,bookmark -o name,type,guid,createtxg,creation} with every filesystem as
     * an argument (no {@code userrefs}: planning needs no hold counts), or none at all for the filesystems whose
     * {@code snapshots_changed} shows no change since they were last listed ({@link SnapshotsChangedCache}).
     * Filesystems outside the filter are refused.
     */
    @Override
    public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
        for (String fs : filesystems) {
            requireAllowed(fs);
            out.put(fs, null);
        }
        List<String> toList = new ArrayList<>();
        for (String fs : out.keySet()) {
            Optional<List<FilesystemVersion>> cached = versionCache.lookup(fs);
            if (cached.isPresent()) {
                out.put(fs, cached.get());
            } else {
                toList.add(fs);
            }
        }
        if (toList.isEmpty()) {
            return out;
        }
        SnapshotsChangedCache.Listing listing = versionCache.startListing(toList);
        Map<String, List<FilesystemVersion>> listed = new LinkedHashMap<>();
        toList.forEach(fs -> listed.put(fs, new ArrayList<>()));
        for (DatasetEntry e : listVersionsTolerant(toList, VERSIONS)) {
            List<FilesystemVersion> versions = listed.get(e.dataset());
            if (versions != null) {
                versions.add(LocalAbstractions.toVersion(e));
            }
        }
        listed.forEach((fs, versions) -> {
            versions.sort(OLDEST_FIRST);
            List<FilesystemVersion> frozen = List.copyOf(versions);
            listing.record(fs, frozen);
            out.put(fs, frozen);
        });
        return out;
    }

    /**
     * One listing for all; if one filesystem vanished since it was listed, ZFS fails the whole call, and then (only
     * then) each filesystem is listed on its own so that the missing one is simply empty.
     */
    private List<DatasetEntry> listVersionsTolerant(List<String> filesystems, EnumSet<DatasetType> types) {
        ListRequest req = new ListRequest(filesystems, types, false, 1, List.of()).withoutUserRefs();
        try {
            return zfs.get().list(req);
        } catch (DatasetNotFoundException e) {
            List<DatasetEntry> out = new ArrayList<>();
            for (String fs : filesystems) {
                try {
                    out.addAll(zfs.get().list(new ListRequest(List.of(fs), types, false, 1, List.of())
                            .withoutUserRefs()));
                } catch (DatasetNotFoundException gone) {
                    // no versions
                }
            }
            return out;
        }
    }

    @Override
    public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        requireAllowed(filesystem);
        List<String> names = new ArrayList<>();
        for (FilesystemVersion v : snapshots) {
            if (!v.isSnapshot()) {
                throw new IllegalArgumentException("only snapshots can be destroyed through the sender, not "
                        + v.fullName(filesystem));
            }
            names.add(v.fullName(filesystem));
        }
        DestroyResult r;
        try {
            r = zfs.get().destroySnapshots(names);
        } finally {
            versionCache.forget(filesystem);
        }
        Map<String, String> failed = new LinkedHashMap<>();
        r.failed().forEach((name, err) -> failed.put(shortName(name), err.getMessage()));
        return new DestroyOutcome(r.destroyed().stream().map(LocalSender::shortName).toList(), failed);
    }

    private static String shortName(String full) {
        int at = full.indexOf('@');
        return at < 0 ? full : full.substring(at + 1);
    }

    /** From the versions listing (bookmarks are in it), so a run that lists versions anyway costs nothing more. */
    @Override
    public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
        Map<String, Optional<FilesystemVersion>> out = new LinkedHashMap<>();
        listVersions(filesystems).forEach((fs, versions) -> {
            Optional<FilesystemVersion> cursor = Optional.empty();
            for (FilesystemVersion v : versions) {
                if (!v.isBookmark()) {
                    continue;
                }
                Optional<Abstraction> a = AbstractionParser.fromBookmark(fs, v);
                if (a.isPresent() && a.get().type() == AbstractionType.REPLICATION_CURSOR_V2
                        && a.get().belongsTo(jobId)
                        && (cursor.isEmpty() || cursor.get().createTxg() < v.createTxg())) {
                    cursor = Optional.of(v);
                }
            }
            out.put(fs, cursor);
        });
        return out;
    }

    // ------------------------------------------------------------------ steps

    /** What one listing of a step's filesystem says: its versions (with hold counts) and its encryption. */
    private record FilesystemState(String filesystem, List<DatasetEntry> versions, boolean encrypted) {
    }

    @Override
    public long estimateSize(StepRequest step) {
        try {
            validate(step);
            return zfs.get().estimateSend(sendRequest(step)).sizeBytes();
        } catch (RuntimeException e) {
            versionCache.forget(step.filesystem()); // e.g. `from` destroyed since it was listed
            throw e;
        }
    }

    @Override
    public OutgoingStream send(StepRequest step) {
        try {
            return protectAndSend(step);
        } finally {
            // holds or bookmarks were made, or the step failed (a version may have gone): list it anew next time
            versionCache.forget(step.filesystem());
        }
    }

    private OutgoingStream protectAndSend(StepRequest step) {
        FilesystemState state = validate(step);
        String fs = step.filesystem();
        GuaranteeKind mode = step.protection().forStep(step.initial());
        GuaranteeActions actions = GuaranteeActions.beforeSend(mode, jobId, step.from(), step.to());
        List<Abstraction> existing = abstractions.fromEntries(state.versions());
        execute(fs, actions);
        cleanUp(fs, actions.toDestroy(fs, existing, step.from(), step.to()), "before sending " + step.describe());
        ZfsSendStream stream = zfs.get().send(sendRequest(step));
        // unlimited: hand out the send pipe itself, so that a local zfs recv can read it directly
        return new OutgoingStream(limiter.isUnlimited() ? stream : limiter.limit(stream),
                step.resumeToken().isPresent());
    }

    @Override
    public void sendCompleted(StepRequest step) {
        try {
            moveCursor(step);
        } finally {
            versionCache.forget(step.filesystem());
        }
    }

    private void moveCursor(StepRequest step) {
        requireAllowed(step.filesystem());
        String fs = step.filesystem();
        FilesystemState state = listStep(fs);
        requireVersion(state, step.to(), "to");
        step.from().ifPresent(f -> requireVersion(state, f, "from"));
        GuaranteeKind mode = step.protection().forStep(step.initial());
        GuaranteeActions actions = GuaranteeActions.atSendCompleted(mode, jobId, step.to());
        List<Abstraction> existing = abstractions.fromEntries(state.versions());
        execute(fs, actions);
        cleanUp(fs, actions.toDestroy(fs, existing, step.from(), step.to()), "after " + step.describe());
    }

    private void execute(String fs, GuaranteeActions actions) {
        try {
            if (!actions.stepHolds().isEmpty()) {
                zfs.get().hold(actions.holdTag(), actions.stepHolds().stream().map(v -> v.fullName(fs)).toList(),
                        false);
            }
            for (GuaranteeActions.NewBookmark b : actions.bookmarks()) {
                zfs.get().bookmark(b.source().fullName(fs), fs + "#" + b.name());
            }
        } catch (ZfsException e) {
            throw new SenderException(fs, "cannot protect the step with " + actions.mode().configName() + " (job "
                    + jobId + "): " + e.getMessage(), e);
        }
    }

    /**
     * Removes the job's stale abstractions. A failure is logged, not thrown (as zrepl does): the step itself is
     * protected and correct, and a leftover hold or bookmark only costs space until the next step's cleanup.
     */
    private void cleanUp(String fs, List<Abstraction> stale, String when) {
        if (stale.isEmpty()) {
            return;
        }
        Map<String, String> failed;
        try {
            failed = abstractions.remove(stale);
        } catch (RuntimeException e) {
            failed = Map.of("all", String.valueOf(e.getMessage()));
        }
        if (!failed.isEmpty()) {
            LOG.warn("{}: cannot remove stale abstractions of job {} {}: {} (the next step retries; or run "
                    + "`zfs-abstraction release-stale`)", fs, jobId, when, failed);
        } else {
            LOG.debug("{}: removed {} stale abstraction(s) of job {} {}", fs, stale.size(), jobId, when);
        }
    }

    private SendRequest sendRequest(StepRequest step) {
        if (step.resumeToken().isPresent()) {
            return SendRequest.resume(step.resumeToken().get());
        }
        String to = step.to().fullName(step.filesystem());
        SendRequest r = step.from().isPresent()
                ? SendRequest.incremental(step.from().get().fullName(step.filesystem()), to)
                        .withIntermediates(step.includeIntermediates())
                : SendRequest.full(to);
        return r.withRaw(sendOptions.encrypted() || sendOptions.raw())
                .withProperties(sendOptions.sendProperties())
                .withBackupProperties(sendOptions.backupProperties())
                .withLargeBlocks(sendOptions.largeBlocks())
                .withCompressed(sendOptions.compressed())
                .withEmbedded(sendOptions.embeddedData())
                .withSaved(sendOptions.saved());
    }

    // ------------------------------------------------------------------ validation (spec §7.6, §7.9)

    private FilesystemState validate(StepRequest step) {
        String fs = step.filesystem();
        requireAllowed(fs);
        FilesystemState state = listStep(fs);
        requireVersion(state, step.to(), "to");
        step.from().ifPresent(f -> requireVersion(state, f, "from"));
        if (sendOptions.encrypted() && !state.encrypted()) {
            throw new SenderException(fs, "encrypted send mandated by policy, but filesystem " + fs
                    + " is not encrypted (set send.encrypted: false or send an encrypted dataset)", null);
        }
        if (sendOptions.raw() && !sendOptions.encrypted() && state.encrypted()) {
            throw new SenderException(fs, "policy mandates raw+unencrypted sends, but filesystem " + fs
                    + " is encrypted (set send.encrypted: true to send it raw and encrypted)", null);
        }
        step.resumeToken().ifPresent(t -> validateToken(step, state, t));
        return state;
    }

    private void validateToken(StepRequest step, FilesystemState state, String token) {
        String fs = step.filesystem();
        ResumeToken t;
        try {
            t = ResumeTokenDecoder.decode(token);
        } catch (RuntimeException e) {
            throw new SenderException(fs, "cannot decode resume token: " + e.getMessage(), e);
        }
        if (!t.toFilesystem().equals(fs)) {
            throw new SenderException(fs, "resume token filesystem " + t.toFilesystem() + " does not match " + fs,
                    null);
        }
        if (t.fromguid().isPresent() != step.from().isPresent()) {
            throw new SenderException(fs, "resume token is " + (t.incremental() ? "incremental" : "full")
                    + " but the request is " + (step.from().isPresent() ? "incremental" : "full"), null);
        }
        if (step.from().isPresent() && t.fromguid().getAsLong() != step.from().get().guid()) {
            throw new SenderException(fs, "resume token fromguid " + Long.toUnsignedString(t.fromguid().getAsLong())
                    + " does not match `from` " + step.from().get().fullName(fs), null);
        }
        if (t.toguid() != step.to().guid()) {
            throw new SenderException(fs, "resume token toguid " + Long.toUnsignedString(t.toguid())
                    + " does not match `to` " + step.to().fullName(fs), null);
        }
        boolean resumeEncrypted = state.encrypted() && t.rawok();
        if (sendOptions.encrypted() && !resumeEncrypted) {
            throw new SenderException(fs, "resume token does not have rawok=true which would result in unencrypted "
                    + "send, but policy mandates encrypted sends only", null);
        }
        if (!sendOptions.encrypted() && resumeEncrypted) {
            throw new SenderException(fs, "resume token has rawok=true which would result in encrypted send, but "
                    + "policy mandates unencrypted sends only", null);
        }
    }

    /** One {@code zfs list -d 1} of the filesystem and its versions, with hold counts and encryption. */
    private FilesystemState listStep(String fs) {
        List<DatasetEntry> entries;
        try {
            entries = zfs.get().list(new ListRequest(List.of(fs), EnumSet.of(DatasetType.FILESYSTEM,
                    DatasetType.VOLUME, DatasetType.SNAPSHOT, DatasetType.BOOKMARK), false, 1, List.of("encryption")));
        } catch (DatasetNotFoundException e) {
            throw new SenderException(fs, "filesystem " + fs + " does not exist", e);
        }
        boolean encrypted = false;
        List<DatasetEntry> versions = new ArrayList<>();
        for (DatasetEntry e : entries) {
            if (!e.dataset().equals(fs)) {
                continue;
            }
            if (e.type() == DatasetType.SNAPSHOT || e.type() == DatasetType.BOOKMARK) {
                versions.add(e);
            } else {
                String enc = e.properties().getOrDefault("encryption", "-");
                encrypted = !enc.equals("off") && !enc.equals("-");
            }
        }
        return new FilesystemState(fs, versions, encrypted);
    }

    private static void requireVersion(FilesystemState state, FilesystemVersion v, String role) {
        String fs = state.filesystem();
        DatasetType type = v.isSnapshot() ? DatasetType.SNAPSHOT : DatasetType.BOOKMARK;
        Optional<DatasetEntry> e = state.versions().stream()
                .filter(x -> x.type() == type && x.shortName().equals(v.name())).findFirst();
        if (e.isEmpty()) {
            throw new SenderException(fs, "`" + role + "` " + v.fullName(fs) + " does not exist", null);
        }
        if (e.get().guid() != v.guid()) {
            throw new SenderException(fs, "`" + role + "` " + v.fullName(fs) + " has guid "
                    + e.get().guidString() + ", not " + Long.toUnsignedString(v.guid())
                    + " (it was recreated since it was listed)", null);
        }
    }

    private void requireAllowed(String fs) {
        if (fs == null || fs.isEmpty()) {
            throw new IllegalArgumentException("empty filesystem not allowed");
        }
        if (!filter.accepts(fs)) {
            throw new SenderException(fs, "endpoint does not allow access to filesystem " + fs
                    + " (not accepted by the filesystems filter of job " + jobId + ")", null);
        }
    }
}
