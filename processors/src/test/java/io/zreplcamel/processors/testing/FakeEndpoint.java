package io.zreplcamel.processors.testing;

import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory endpoint for control-flow tests: filesystems with version lists, placeholder flags and resume
 * tokens, every call recorded. Thread-safe (the driver calls it from several threads).
 */
public abstract class FakeEndpoint implements Endpoint {

    private final Map<String, List<FilesystemVersion>> versions = new TreeMap<>();
    private final Set<String> placeholders = new HashSet<>();
    private final Map<String, String> resumeTokens = new TreeMap<>();
    private final Map<String, String> undestroyable = new TreeMap<>();
    /** Every call, as {@code method fs...} lines, in call order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger listFilesystemsCalls = new AtomicInteger();
    public final AtomicInteger listVersionsCalls = new AtomicInteger();
    /** The filesystems of each listVersions call. */
    public final List<List<String>> listVersionsArguments = new CopyOnWriteArrayList<>();
    /** Thrown by the next listFilesystems calls (one element per call), when not empty. */
    public final List<RuntimeException> listFilesystemsFailures = new CopyOnWriteArrayList<>();

    public synchronized FakeEndpoint filesystem(String fs, FilesystemVersion... vs) {
        versions.computeIfAbsent(fs, k -> new ArrayList<>()).addAll(List.of(vs));
        return this;
    }

    public synchronized FakeEndpoint placeholder(String fs) {
        versions.computeIfAbsent(fs, k -> new ArrayList<>());
        placeholders.add(fs);
        return this;
    }

    public synchronized FakeEndpoint resumeToken(String fs, String token) {
        resumeTokens.put(fs, token);
        return this;
    }

    /** Destroying {@code fs@name} fails with {@code reason} (a hold, say). */
    public synchronized FakeEndpoint undestroyable(String fs, String name, String reason) {
        undestroyable.put(fs + "@" + name, reason);
        return this;
    }

    public synchronized boolean has(String fs) {
        return versions.containsKey(fs);
    }

    public synchronized List<FilesystemVersion> versionsOf(String fs) {
        return List.copyOf(versions.getOrDefault(fs, List.of()));
    }

    public synchronized List<String> snapshotNames(String fs) {
        return versionsOf(fs).stream().filter(FilesystemVersion::isSnapshot).map(FilesystemVersion::name).toList();
    }

    public synchronized void addVersion(String fs, FilesystemVersion v) {
        List<FilesystemVersion> l = versions.computeIfAbsent(fs, k -> new ArrayList<>());
        if (l.stream().noneMatch(x -> x.guid() == v.guid() && x.kind() == v.kind())) {
            l.add(v);
        }
        placeholders.remove(fs);
    }

    public synchronized void removeVersion(String fs, FilesystemVersion v) {
        versions.getOrDefault(fs, new ArrayList<>()).remove(v);
    }

    @Override
    public synchronized List<EndpointFilesystem> listFilesystems() {
        listFilesystemsCalls.incrementAndGet();
        calls.add("listFilesystems");
        if (!listFilesystemsFailures.isEmpty()) {
            throw listFilesystemsFailures.remove(0);
        }
        List<EndpointFilesystem> out = new ArrayList<>();
        for (String fs : versions.keySet()) {
            out.add(new EndpointFilesystem(fs, placeholders.contains(fs), Optional.ofNullable(resumeTokens.get(fs)),
                    OptionalLong.empty()));
        }
        return out;
    }

    @Override
    public synchronized Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
        listVersionsCalls.incrementAndGet();
        listVersionsArguments.add(List.copyOf(filesystems));
        calls.add("listVersions " + String.join(",", filesystems));
        Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
        for (String fs : filesystems) {
            List<FilesystemVersion> l = new ArrayList<>(versions.getOrDefault(fs, List.of()));
            l.sort(Comparator.comparingLong(FilesystemVersion::createTxg)
                    .thenComparing(v -> v.isSnapshot() ? 1 : 0));
            out.put(fs, l);
        }
        return out;
    }

    @Override
    public synchronized DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
        calls.add("destroySnapshots " + filesystem + " "
                + String.join(",", snapshots.stream().map(FilesystemVersion::name).toList()));
        List<String> destroyed = new ArrayList<>();
        Map<String, String> failed = new TreeMap<>();
        for (FilesystemVersion s : snapshots) {
            if (!s.isSnapshot()) {
                throw new AssertionError("asked to destroy a bookmark " + s.fullName(filesystem));
            }
            String reason = undestroyable.get(filesystem + "@" + s.name());
            if (reason != null) {
                failed.put(s.name(), reason);
                continue;
            }
            List<FilesystemVersion> l = versions.getOrDefault(filesystem, new ArrayList<>());
            if (l.removeIf(v -> v.isSnapshot() && v.name().equals(s.name()))) {
                destroyed.add(s.name());
            } else {
                failed.put(s.name(), "dataset does not exist");
            }
        }
        return new DestroyOutcome(destroyed, failed);
    }
}
