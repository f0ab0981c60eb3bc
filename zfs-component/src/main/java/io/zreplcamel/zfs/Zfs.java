package io.zreplcamel.zfs;

import io.zreplcamel.config.names.NameKind;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.zfs.cmd.Command;
import io.zreplcamel.zfs.cmd.CommandResult;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.cmd.RunningCommand;
import io.zreplcamel.zfs.cmd.ZfsCommandRunner;
import io.zreplcamel.zfs.error.BookmarkExistsException;
import io.zreplcamel.zfs.error.CommandStartException;
import io.zreplcamel.zfs.error.DatasetNotFoundException;
import io.zreplcamel.zfs.error.DestroyFailedException;
import io.zreplcamel.zfs.error.ZfsCommandException;
import io.zreplcamel.zfs.error.ZfsException;
import io.zreplcamel.zfs.feature.ZfsFeature;
import io.zreplcamel.zfs.feature.ZfsFeatures;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.Hold;
import io.zreplcamel.zfs.model.PropertyValue;
import io.zreplcamel.zfs.model.SendEstimate;
import io.zreplcamel.zfs.model.ZfsVersion;
import io.zreplcamel.zfs.names.InvalidNameException;
import io.zreplcamel.zfs.names.ValidNames;
import io.zreplcamel.zfs.parse.DryRunParser;
import io.zreplcamel.zfs.parse.HoldsParser;
import io.zreplcamel.zfs.parse.ListParser;
import io.zreplcamel.zfs.parse.PropertyParser;
import io.zreplcamel.zfs.parse.VersionParser;
import io.zreplcamel.zfs.stream.DirectPipe;
import io.zreplcamel.zfs.stream.ReceivePump;
import io.zreplcamel.zfs.stream.ReceiveResult;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ZFS operations zrepl needs, as plain Java over {@link ZfsCommandRunner} (no Camel). Every method validates
 * names first (nothing runs for a bad name), builds one argv, and turns failures into typed exceptions. Methods that
 * take collections batch them into as few processes as the argv limits allow.
 *
 * <p>Thread-safe. {@link #version()} and {@link #features()} are detected once per zfs binary per JVM.
 */
public final class Zfs implements AutoCloseable {

    /** Negative pool-feature answers are re-checked after this long (zrepl's default). */
    static final Duration POOL_FEATURE_RECHECK = Duration.ofSeconds(30);

    /** The user property that marks a receiver's placeholder filesystem (see {@link Placeholders}). */
    public static final String PLACEHOLDER_PROPERTY = Placeholders.PROPERTY;

    private static final Map<String, ZfsFeatures> FEATURES = new ConcurrentHashMap<>();
    private static final Map<String, ZfsVersion> VERSIONS = new ConcurrentHashMap<>();
    private static final Map<String, Instant> POOL_RESUME_NEGATIVE = new ConcurrentHashMap<>();
    private static final Set<String> POOL_RESUME_POSITIVE = ConcurrentHashMap.newKeySet();

    private final ZfsCommandRunner runner;

    public Zfs(ZfsCommandRunner runner) {
        this.runner = runner;
    }

    public Zfs(RunnerSettings settings) {
        this(new ZfsCommandRunner(settings));
    }

    /** {@code zfs}/{@code zpool} from PATH with default limits. */
    public static Zfs withDefaults() {
        return new Zfs(RunnerSettings.defaults());
    }

    public ZfsCommandRunner runner() {
        return runner;
    }

    /** Kills all processes still running for this instance. */
    @Override
    public void close() {
        runner.close();
    }

    // ------------------------------------------------------------------ version and features

    /** {@code zfs version}, once per binary per JVM. */
    public ZfsVersion version() {
        return VERSIONS.computeIfAbsent(runner.settings().zfsBinary(),
                b -> VersionParser.parse(runner.run(Command.zfs("version")).stdoutLines()));
    }

    /**
     * CLI features from the usage text of {@code zfs} without arguments (all sub-commands in one process), once per
     * binary per JVM.
     */
    public ZfsFeatures features() {
        return FEATURES.computeIfAbsent(runner.settings().zfsBinary(), b -> {
            CommandResult r = runner.runAllowingFailure(Command.zfs("-?"));
            String usage = r.stdoutText() + "\n" + r.stderr();
            if (!usage.contains("usage")) {
                throw new ZfsCommandException("zfs printed no usage text to detect features from", r.argv(),
                        r.exitCode(), r.stderr());
            }
            return ZfsFeatures.fromUsage(usage);
        });
    }

    public boolean supports(ZfsFeature feature) {
        return features().has(feature);
    }

    /**
     * Whether {@code zfs receive -s} works into {@code pool}: the CLI supports it and the pool feature
     * {@code extensible_dataset} is enabled or active. Positive answers are cached; negative ones re-checked after
     * 30 s (the pool may be upgraded).
     */
    public boolean poolSupportsResumableReceive(String pool) {
        if (!supports(ZfsFeature.RESUMABLE_RECEIVE)) {
            return false;
        }
        String key = runner.settings().zpoolBinary() + "\0" + pool;
        if (POOL_RESUME_POSITIVE.contains(key)) {
            return true;
        }
        Instant negative = POOL_RESUME_NEGATIVE.get(key);
        if (negative != null && negative.plus(POOL_FEATURE_RECHECK).isAfter(Instant.now())) {
            return false;
        }
        String value = runner.run(Command.zpool("get", "-H", "-p", "-o", "value", "--",
                "feature@extensible_dataset", ValidNames.require(pool, NameKind.DATASET))).stdoutText().strip();
        boolean ok = value.equals("active") || value.equals("enabled");
        if (ok) {
            POOL_RESUME_POSITIVE.add(key);
            POOL_RESUME_NEGATIVE.remove(key);
        } else {
            POOL_RESUME_NEGATIVE.put(key, Instant.now());
        }
        return ok;
    }

    /** Forgets cached versions and features (tests that swap the binary behind one path). */
    public static void clearDetectionCaches() {
        FEATURES.clear();
        VERSIONS.clear();
        POOL_RESUME_NEGATIVE.clear();
        POOL_RESUME_POSITIVE.clear();
    }

    // ------------------------------------------------------------------ listing

    /**
     * One {@code zfs list -H -p} for all roots of the request (batched only if the argv would be too long), so
     * listing N filesystems' snapshots costs one process, not N.
     */
    public List<DatasetEntry> list(ListRequest request) {
        for (String root : request.roots()) {
            ValidNames.require(root, NameKind.DATASET);
        }
        List<String> columns = new ArrayList<>(request.userRefs() ? ListParser.COLUMNS
                : ListParser.COLUMNS_WITHOUT_USERREFS);
        columns.addAll(request.extraProperties());
        List<String> base = new ArrayList<>(List.of("list", "-H", "-p", "-o", String.join(",", columns),
                "-t", DatasetType.join(request.types())));
        if (request.depth() >= 0) {
            base.add("-d");
            base.add(Integer.toString(request.depth()));
        } else if (request.recursive()) {
            base.add("-r");
        }
        base.add("-s");
        base.add("createtxg");
        List<DatasetEntry> out = new ArrayList<>();
        if (request.roots().isEmpty()) {
            out.addAll(ListParser.parse(runner.run(Command.zfs(base)).stdoutLines(), request.extraProperties(),
                    request.userRefs()));
            return out;
        }
        base.add("--");
        for (List<String> group : ArgvBatches.byTotalLength(request.roots(), Command.argvBytes(base),
                runner.settings().argvBudget())) {
            List<String> args = new ArrayList<>(base);
            args.addAll(group);
            out.addAll(ListParser.parse(runner.run(Command.zfs(args)).stdoutLines(), request.extraProperties(),
                    request.userRefs()));
        }
        return out;
    }

    /** Snapshots and/or bookmarks of one filesystem, oldest first (by createtxg); empty when it has none. */
    public List<DatasetEntry> listVersions(String filesystem, Set<DatasetType> types) {
        return list(ListRequest.versions(filesystem, types));
    }

    // ------------------------------------------------------------------ properties

    /**
     * {@code zfs get -H -p -o name,property,value,source} for several properties of several datasets in one process.
     *
     * @param depth -1 for none, otherwise {@code -d depth}
     */
    public List<PropertyValue> get(Collection<String> datasets, Collection<String> properties, boolean recursive,
            int depth, Set<DatasetType> types) {
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("zfs get needs at least one property");
        }
        for (String ds : datasets) {
            ValidNames.require(ds, NameKind.ANY);
        }
        for (String p : properties) {
            ValidNames.requireProperty(p);
        }
        List<String> base = new ArrayList<>(List.of("get", "-H", "-p", "-o", "name,property,value,source"));
        if (depth >= 0) {
            base.add("-d");
            base.add(Integer.toString(depth));
        } else if (recursive) {
            base.add("-r");
        }
        if (types != null && !types.isEmpty()) {
            base.add("-t");
            base.add(DatasetType.join(types));
        }
        base.add("--");
        base.add(String.join(",", properties));
        List<PropertyValue> out = new ArrayList<>();
        for (List<String> group : ArgvBatches.byTotalLength(List.copyOf(datasets), Command.argvBytes(base),
                runner.settings().argvBudget())) {
            List<String> args = new ArrayList<>(base);
            args.addAll(group);
            out.addAll(PropertyParser.parse(runner.run(Command.zfs(args)).stdoutLines()));
        }
        return out;
    }

    /**
     * {@code zfs get -H -p -o name,property,value,source -t <types> props} without dataset arguments: the properties
     * of every dataset of the system in ONE process (with their source, which {@code zfs list} cannot show: a
     * sender's placeholder is one whose {@code zrepl:placeholder} is set locally, not inherited).
     */
    public List<PropertyValue> getAll(Collection<String> properties, Set<DatasetType> types) {
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("zfs get needs at least one property");
        }
        properties.forEach(ValidNames::requireProperty);
        List<String> args = new ArrayList<>(List.of("get", "-H", "-p", "-o", "name,property,value,source"));
        if (types != null && !types.isEmpty()) {
            args.add("-t");
            args.add(DatasetType.join(types));
        }
        args.add("--");
        args.add(String.join(",", properties));
        return PropertyParser.parse(runner.run(Command.zfs(args)).stdoutLines());
    }

    /** One property of one dataset, snapshot or bookmark. */
    public PropertyValue get(String dataset, String property) {
        List<PropertyValue> values = get(List.of(dataset), List.of(property), false, -1, null);
        if (values.size() != 1) {
            throw new ZfsException("zfs get " + property + " " + dataset + " returned " + values.size() + " lines");
        }
        return values.get(0);
    }

    /** {@code zfs set k=v ...} in one call (several properties are set together). */
    public void set(String dataset, Map<String, String> properties) {
        ValidNames.require(dataset, NameKind.ANY);
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("zfs set needs at least one property");
        }
        // No "--" here: before OpenZFS 2.2, zfs set parsed no options and refused any argument starting with '-'.
        // Nothing needs it: a validated property never starts with '-', and neither does a valid dataset name.
        List<String> args = new ArrayList<>(List.of("set"));
        properties.forEach((k, v) -> {
            ValidNames.requireProperty(k);
            args.add(k + "=" + v);
        });
        args.add(dataset);
        runner.run(Command.zfs(args));
    }

    /**
     * {@code zfs inherit [-r] [-S] prop dataset}: drop the local value.
     *
     * @param revertToReceived {@code -S}: go back to the received value instead of inheriting
     */
    public void inherit(String dataset, String property, boolean recursive, boolean revertToReceived) {
        ValidNames.require(dataset, NameKind.ANY);
        ValidNames.requireProperty(property);
        List<String> args = new ArrayList<>(List.of("inherit"));
        if (recursive) {
            args.add("-r");
        }
        if (revertToReceived) {
            args.add("-S");
        }
        args.add("--");
        args.add(property);
        args.add(dataset);
        runner.run(Command.zfs(args));
    }

    /** The filesystem's {@code receive_resume_token}, empty when there is no partial receive state. */
    public Optional<String> receiveResumeToken(String filesystem) {
        String v = get(filesystem, "receive_resume_token").value();
        return v.equals("-") || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    // ------------------------------------------------------------------ placeholders

    /**
     * Creates a placeholder filesystem (spec §7.8): {@code zfs create -o zrepl:placeholder=on -o mountpoint=none
     * [-o encryption=off] -- dataset}. The parent must exist (no {@code -p}: every level is created, and so marked,
     * by the caller). With {@code encryptionOff} false the placeholder inherits its parent's encryption; with it
     * true it is unencrypted, which ZFS refuses below an encrypted parent.
     */
    public void createPlaceholder(String dataset, boolean encryptionOff) {
        ValidNames.require(dataset, NameKind.DATASET);
        if (dataset.indexOf('/') < 0) {
            throw new IllegalArgumentException("a placeholder cannot be a pool's root dataset: '" + dataset + "'");
        }
        List<String> args = new ArrayList<>(List.of("create", "-o", PLACEHOLDER_PROPERTY + "=" + Placeholders.ON,
                "-o", "mountpoint=none"));
        if (encryptionOff) {
            args.add("-o");
            args.add("encryption=off");
        }
        args.add("--");
        args.add(dataset);
        runner.run(Command.zfs(args));
    }

    // ------------------------------------------------------------------ snapshots, bookmarks, holds

    /**
     * {@code zfs snapshot a@x b@x ...} in ONE process: ZFS creates all snapshots of one call in one transaction group,
     * atomically, as long as they are in one pool and name each filesystem at most once (both checked here, since
     * ZFS refuses the whole call otherwise).
     *
     * @return the created snapshot names
     */
    public List<String> snapshot(Collection<String> snapshots, boolean recursive, Map<String, String> properties) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("no snapshot to create");
        }
        Set<String> pools = new TreeSet<>();
        Set<String> filesystems = new TreeSet<>();
        for (String s : snapshots) {
            ValidNames.require(s, NameKind.SNAPSHOT);
            pools.add(ZfsNames.poolOf(s));
            // ZFS takes all snapshots of one call in one transaction group, and a filesystem can have only one
            // snapshot per txg: it refuses the whole call ("multiple snapshots of same fs not allowed").
            if (!filesystems.add(ZfsNames.datasetOf(s))) {
                throw new IllegalArgumentException("one zfs snapshot call can take only one snapshot of "
                        + ZfsNames.datasetOf(s) + " (ZFS: multiple snapshots of same fs not allowed)");
            }
        }
        if (pools.size() > 1) {
            throw new IllegalArgumentException("snapshots of several pools " + pools
                    + " cannot be taken atomically in one zfs snapshot call");
        }
        List<String> args = new ArrayList<>(List.of("snapshot"));
        if (recursive) {
            args.add("-r");
        }
        properties.forEach((k, v) -> {
            ValidNames.requireProperty(k);
            args.add("-o");
            args.add(k + "=" + v);
        });
        args.add("--");
        args.addAll(snapshots);
        runner.run(Command.zfs(args));
        return List.copyOf(snapshots);
    }

    /** The same short snapshot name on several datasets of one pool, atomically. */
    public List<String> snapshotAll(Collection<String> datasets, String shortName) {
        ValidNames.requireShortName(shortName, "snapshot");
        List<String> names = new ArrayList<>();
        for (String ds : datasets) {
            ValidNames.require(ds, NameKind.DATASET);
            names.add(ds + "@" + shortName);
        }
        return snapshot(names, false, Map.of());
    }

    /**
     * {@code zfs bookmark <source> <bookmark>}, idempotent: if the bookmark exists and has the source's guid, that
     * is success; with another guid it is a {@link BookmarkExistsException}. A bookmark source (copying a bookmark)
     * needs OpenZFS 2.0.
     */
    public String bookmark(String source, String bookmark) {
        ValidNames.require(source, NameKind.SNAPSHOT_OR_BOOKMARK);
        String target = ZfsNames.resolve(ZfsNames.datasetOf(source), bookmark);
        ValidNames.require(target, NameKind.BOOKMARK);
        try {
            runner.run(Command.zfs("bookmark", "--", source, target));
            return target;
        } catch (BookmarkExistsException e) {
            List<PropertyValue> guids = get(List.of(source, target), List.of("guid"), false, -1, null);
            if (guids.size() == 2 && guids.get(0).value().equals(guids.get(1).value())) {
                return target;
            }
            throw e;
        }
    }

    /** {@code zfs hold tag snap...}; a hold that already exists is success (idempotent). */
    public void hold(String tag, Collection<String> snapshots, boolean recursive) {
        holdOrRelease("hold", tag, snapshots, recursive, "tag already exists on this dataset");
    }

    /** {@code zfs release tag snap...}; a tag that is not there is ignored (idempotent). */
    public void release(String tag, Collection<String> snapshots, boolean recursive) {
        holdOrRelease("release", tag, snapshots, recursive, "no such tag on this dataset");
    }

    /**
     * {@code zfs hold|release [-r] tag snap...}, batched by argv length; a failure whose stderr lines all say
     * {@code alreadyDone} means the requested state holds already, so it is success.
     */
    private void holdOrRelease(String verb, String tag, Collection<String> snapshots, boolean recursive,
                               String alreadyDone) {
        validateTag(tag);
        for (String s : snapshots) {
            ValidNames.require(s, NameKind.SNAPSHOT);
        }
        List<String> base = new ArrayList<>(List.of(verb));
        if (recursive) {
            base.add("-r");
        }
        // "--": a tag may begin with '-'; without it zfs would parse the tag as options
        base.add("--");
        base.add(tag);
        for (List<String> group : ArgvBatches.byTotalLength(List.copyOf(snapshots), Command.argvBytes(base),
                runner.settings().argvBudget())) {
            List<String> args = new ArrayList<>(base);
            args.addAll(group);
            CommandResult r = runner.runAllowingFailure(Command.zfs(args));
            if (r.exitCode() != 0 && !onlyLinesMatching(r.stderr(), alreadyDone)) {
                throw io.zreplcamel.zfs.error.ZfsErrorClassifier.classify(r.argv(), r.exitCode(), r.stderr());
            }
        }
    }

    /** {@code zfs holds -H -p}: every user hold on the snapshots (and their descendants' with recursive). */
    public List<Hold> holds(Collection<String> snapshots, boolean recursive) {
        for (String s : snapshots) {
            ValidNames.require(s, NameKind.SNAPSHOT);
        }
        List<String> base = new ArrayList<>(List.of("holds", "-H", "-p"));
        if (recursive) {
            base.add("-r");
        }
        base.add("--");
        List<Hold> out = new ArrayList<>();
        for (List<String> group : ArgvBatches.byTotalLength(List.copyOf(snapshots), Command.argvBytes(base),
                runner.settings().argvBudget())) {
            List<String> args = new ArrayList<>(base);
            args.addAll(group);
            out.addAll(HoldsParser.parse(runner.run(Command.zfs(args)).stdoutLines()));
        }
        return out;
    }

    // ------------------------------------------------------------------ destroy and rollback

    /**
     * Destroys one snapshot or bookmark: never a filesystem or volume, whatever name is passed (that is
     * {@link #destroyFilesystem}). Fails with {@link DatasetNotFoundException} if it does not exist and
     * {@link io.zreplcamel.zfs.error.DatasetBusyException} if it is held or in use.
     *
     * @param recursive {@code -r}: the same-named snapshots of the children too
     */
    public void destroy(String snapshotOrBookmark, boolean recursive) {
        ValidNames.require(snapshotOrBookmark, NameKind.SNAPSHOT_OR_BOOKMARK);
        runDestroy(snapshotOrBookmark, recursive);
    }

    /**
     * Destroys a filesystem or volume and with it all its snapshots and bookmarks; with {@code recursive} also all
     * its descendants ({@code -r}). Deliberately its own method, so that no snapshot name that loses its
     * {@code @} on the way can destroy a filesystem. Refuses a pool's root dataset.
     */
    public void destroyFilesystem(String dataset, boolean recursive) {
        ValidNames.require(dataset, NameKind.DATASET);
        if (dataset.indexOf('/') < 0) {
            throw new IllegalArgumentException("refusing to destroy the root dataset of pool '" + dataset + "'");
        }
        runDestroy(dataset, recursive);
    }

    private void runDestroy(String name, boolean recursive) {
        List<String> args = new ArrayList<>(List.of("destroy"));
        if (recursive) {
            args.add("-r");
        }
        args.add("--");
        args.add(name);
        runner.run(Command.zfs(args));
    }

    /** {@code zfs destroy fs@first%last}: the inclusive range of snapshots by creation order. */
    public void destroyRange(String filesystem, String firstSnapshot, String lastSnapshot) {
        ValidNames.require(filesystem, NameKind.DATASET);
        ValidNames.requireShortName(firstSnapshot, "snapshot");
        ValidNames.requireShortName(lastSnapshot, "snapshot");
        runner.run(Command.zfs("destroy", "--", filesystem + "@" + firstSnapshot + "%" + lastSnapshot));
    }

    /**
     * Destroys many snapshots with as few processes as possible (spec §10.6): grouped per filesystem (sorted by
     * filesystem, then name) into {@code fs@a,b,c} arguments within the argv limits, halving a group the kernel
     * refuses as too long. When ZFS names undestroyable snapshots (held, cloned), it destroyed nothing of that group
     * (one transaction): the rest is retried once without them, then each undestroyable one alone so that its own
     * error is recorded. Any other failure destroys the group one by one. A snapshot that does not exist counts as
     * destroyed. Without comma support every snapshot gets its own process, in request order. At most
     * {@link DestroyBatchSize#fromEnvironment()} snapshots go into one call.
     */
    public DestroyResult destroySnapshots(Collection<String> snapshots) {
        return destroySnapshots(snapshots, DestroyBatchSize.fromEnvironment());
    }

    /**
     * As {@link #destroySnapshots(Collection)}, with at most {@code maxPerCall} snapshots per {@code zfs destroy}
     * (0 for no limit beyond the argument length). A parameter, not a setting of this shared instance, so that
     * endpoints with different limits never see each other's.
     */
    public DestroyResult destroySnapshots(Collection<String> snapshots, int maxPerCall) {
        if (maxPerCall < 0) {
            throw new IllegalArgumentException("maxPerCall must be 0 (no limit) or positive, not " + maxPerCall);
        }
        long before = runner.counter().total();
        List<String> destroyed = new ArrayList<>();
        Map<String, ZfsException> failed = new LinkedHashMap<>();
        Map<String, TreeSet<String>> byFs = new TreeMap<>();
        List<String> valid = new ArrayList<>();
        for (String s : new LinkedHashSet<>(snapshots)) {
            try {
                ValidNames.require(s, NameKind.SNAPSHOT);
                valid.add(s);
                byFs.computeIfAbsent(ZfsNames.datasetOf(s), k -> new TreeSet<>()).add(ZfsNames.shortNameOf(s));
            } catch (InvalidNameException e) {
                failed.put(s, e);
            }
        }
        if (!valid.isEmpty() && !supports(ZfsFeature.COMMA_DESTROY)) {
            for (String s : valid) {
                destroyOne(s, destroyed, failed);
            }
        } else {
            for (Map.Entry<String, TreeSet<String>> e : byFs.entrySet()) {
                for (List<String> group : ArgvBatches.commaGroups(e.getKey(), List.copyOf(e.getValue()),
                        ArgvBatches.SINGLE_ARG_BUDGET, maxPerCall)) {
                    destroyGroup(e.getKey(), group, destroyed, failed);
                }
            }
        }
        return new DestroyResult(destroyed, failed, (int) (runner.counter().total() - before));
    }

    private void destroyGroup(String fs, List<String> shortNames, List<String> destroyed,
            Map<String, ZfsException> failed) {
        if (shortNames.size() == 1) {
            destroyOne(fs + "@" + shortNames.get(0), destroyed, failed);
            return;
        }
        try {
            runner.run(Command.zfs("destroy", "--", fs + "@" + String.join(",", shortNames)));
            shortNames.forEach(s -> destroyed.add(fs + "@" + s));
        } catch (CommandStartException e) {
            if (!e.argumentListTooLong()) {
                throw e;
            }
            int half = shortNames.size() / 2;
            destroyGroup(fs, shortNames.subList(0, half), destroyed, failed);
            destroyGroup(fs, shortNames.subList(half, shortNames.size()), destroyed, failed);
        } catch (DatasetNotFoundException e) {
            // "could not find any snapshots to destroy" or the filesystem itself is gone: nothing left to destroy.
            shortNames.forEach(s -> destroyed.add(fs + "@" + s));
        } catch (DestroyFailedException e) {
            List<String> undestroyable = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (String s : shortNames) {
                (e.undestroyable().containsKey(fs + "@" + s) ? undestroyable : rest).add(s);
            }
            if (!rest.isEmpty()) {
                try {
                    runner.run(Command.zfs("destroy", "--", fs + "@" + String.join(",", rest)));
                    rest.forEach(s -> destroyed.add(fs + "@" + s));
                } catch (ZfsCommandException retryFailed) {
                    rest.forEach(s -> destroyOne(fs + "@" + s, destroyed, failed));
                }
            }
            undestroyable.forEach(s -> destroyOne(fs + "@" + s, destroyed, failed));
        } catch (ZfsCommandException e) {
            shortNames.forEach(s -> destroyOne(fs + "@" + s, destroyed, failed));
        }
    }

    private void destroyOne(String snapshot, List<String> destroyed, Map<String, ZfsException> failed) {
        try {
            runner.run(Command.zfs("destroy", "--", snapshot));
            destroyed.add(snapshot);
        } catch (DatasetNotFoundException e) {
            destroyed.add(snapshot);
        } catch (ZfsCommandException e) {
            failed.put(snapshot, e);
        }
    }

    /**
     * {@code zfs rollback [-r] [-R] [-f] snapshot}.
     *
     * @param destroyNewer  {@code -r}: destroy later snapshots and bookmarks
     * @param destroyClones {@code -R}: also their clones
     * @param force         {@code -f}: force-unmount clones
     */
    public void rollback(String snapshot, boolean destroyNewer, boolean destroyClones, boolean force) {
        ValidNames.require(snapshot, NameKind.SNAPSHOT);
        List<String> args = new ArrayList<>(List.of("rollback"));
        if (destroyNewer) {
            args.add("-r");
        }
        if (destroyClones) {
            args.add("-R");
        }
        if (force) {
            args.add("-f");
        }
        args.add("--");
        args.add(snapshot);
        runner.run(Command.zfs(args));
    }

    // ------------------------------------------------------------------ send and receive

    /**
     * Starts {@code zfs send} and returns its stdout as a stream, read straight from the pipe. The caller must read
     * it to the end or close it (closing early kills the process). A send that fails surfaces as a
     * {@link io.zreplcamel.zfs.stream.ZfsStreamException} at the end of the stream.
     */
    public ZfsSendStream send(SendRequest request) {
        return send(request, null);
    }

    /** As {@link #send(SendRequest)}, killing the send after {@code timeout} (null or zero for none). */
    public ZfsSendStream send(SendRequest request, Duration timeout) {
        List<String> args = request.args(false, validateSend(request));
        RunningCommand rc = runner.startStream(Command.zfs(args).withTimeout(timeout));
        return new ZfsSendStream(rc);
    }

    /** {@code zfs send -n -P ...}: what would be sent and its estimated size, without sending. */
    public SendEstimate estimateSend(SendRequest request) {
        List<String> args = request.args(true, validateSend(request));
        return DryRunParser.parse(runner.run(Command.zfs(args)).stdoutLines());
    }

    private String validateSend(SendRequest request) {
        if (request.isResume()) {
            return null;
        }
        if (request.snapshot() == null) {
            throw new IllegalArgumentException("send needs a snapshot (or a resume token)");
        }
        ValidNames.require(request.snapshot(), request.saved() ? NameKind.DATASET : NameKind.SNAPSHOT);
        if (request.from() == null || request.from().isBlank()) {
            return null;
        }
        String from = ZfsNames.resolve(ZfsNames.datasetOf(request.snapshot()), request.from());
        ValidNames.require(from, NameKind.SNAPSHOT_OR_BOOKMARK);
        return from;
    }

    /**
     * Runs {@code zfs receive} fed from {@code stream} until the stream ends, and returns when the receive exited
     * successfully. The stream is always closed. On failure the error is that of the side that failed first: the
     * sender's typed error if the stream was a failing {@link ZfsSendStream}, otherwise the receive's (see
     * {@link ReceivePump}).
     *
     * <p>When the stream is an untouched {@link ZfsSendStream} and the request allows it ({@code directPipe}, the
     * default), {@code zfs receive} reads the send pipe itself ({@code /proc/<pid>/fd/1}), exactly like
     * {@code zfs send | zfs receive}: no byte passes through the JVM, and the byte count is then unknown
     * ({@link ReceiveResult#UNKNOWN_BYTES}). See {@link DirectPipe} for how errors are attributed.
     */
    public ReceiveResult receive(ReceiveRequest request, InputStream stream) {
        ValidNames.require(request.target(), ZfsNames.isSnapshot(request.target()) ? NameKind.SNAPSHOT
                : NameKind.DATASET);
        for (String p : request.overrideProperties().keySet()) {
            ValidNames.requireProperty(p);
        }
        request.excludeProperties().forEach(ValidNames::requireProperty);
        Command command = Command.zfs(request.args()).withTimeout(request.timeout());
        if (request.directPipe() && stream instanceof ZfsSendStream send) {
            Optional<java.io.File> pipe = send.handOff();
            if (pipe.isPresent()) {
                RunningCommand rc = null;
                try {
                    rc = runner.startStreamReadingFrom(command, pipe.get());
                } catch (CommandStartException e) {
                    // zfs send exited between hand-off and start: its output is still in the pipe, read it here
                    send.cancelHandOff();
                }
                if (rc != null) {
                    send.releaseJvmReader();
                    DirectPipe.await(send, rc);
                    return new ReceiveResult(request.target(), ReceiveResult.UNKNOWN_BYTES, rc.elapsed());
                }
            }
        }
        RunningCommand rc;
        try {
            rc = runner.startStream(command);
        } catch (RuntimeException e) {
            closeQuietly(stream);
            throw e;
        }
        long bytes = ReceivePump.pump(stream, rc);
        return new ReceiveResult(request.target(), bytes, rc.elapsed());
    }

    /**
     * {@code zfs receive -A fs}: discard partial receive state. Having none is not an error.
     */
    public void abortResumableReceive(String filesystem) {
        ValidNames.require(filesystem, NameKind.DATASET);
        CommandResult r = runner.runAllowingFailure(Command.zfs("receive", "-A", "--", filesystem));
        if (r.exitCode() != 0 && !r.stderr().contains("does not have any resumable receive state to abort")) {
            throw io.zreplcamel.zfs.error.ZfsErrorClassifier.classify(r.argv(), r.exitCode(), r.stderr());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static boolean onlyLinesMatching(String stderr, String allowed) {
        boolean any = false;
        for (String line : stderr.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.contains(allowed)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Hold tags: non-empty, at most 255 bytes (zrepl's {@code ZREPL_ZFS_MAX_HOLD_TAG_LEN}), no NUL or newline. */
    static void validateTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new InvalidNameException("hold tag", String.valueOf(tag), "empty tag");
        }
        if (ArgvBatches.bytes(tag) > ZfsNames.MAX_NAME_LENGTH) {
            throw new InvalidNameException("hold tag", tag, "tag is longer than 255 bytes");
        }
        if (tag.indexOf('\n') >= 0 || tag.indexOf('\t') >= 0 || tag.indexOf('\0') >= 0) {
            throw new InvalidNameException("hold tag", tag, "tag contains a newline, tab or NUL");
        }
    }

    private static void closeQuietly(InputStream s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
