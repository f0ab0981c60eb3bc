package io.zreplcamel.processors.endpoint.memo;

import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one endpoint listed during one invocation, kept until the endpoint is asked to change something. The engine
 * lists both sides for replication, then again for pruning each side; when replication changed nothing the second
 * and third listings are the first one. A change (send, receive, cursor move, destroy) drops everything, so no
 * decision is ever taken on a listing older than the last change made through this endpoint.
 *
 * <p>Thread-safe: steps run concurrently. A listing that overlapped a change is returned to its caller but not kept.
 */
final class ListingMemo {

    private long generation;
    private List<EndpointFilesystem> filesystems;
    private final Map<String, Map<String, Object>> perFilesystem = new LinkedHashMap<>();

    /** The filesystem listing, from the memo or from {@code list} (then kept). */
    List<EndpointFilesystem> filesystems(Supplier<List<EndpointFilesystem>> list) {
        long gen;
        synchronized (this) {
            if (filesystems != null) {
                return filesystems;
            }
            gen = generation;
        }
        List<EndpointFilesystem> listed = List.copyOf(list.get());
        synchronized (this) {
            if (gen == generation) {
                filesystems = listed;
            }
        }
        return listed;
    }

    /**
     * A per-filesystem answer of kind {@code kind} (versions, cursors): what is kept is returned, the rest is asked
     * for in one call of {@code list} and kept.
     */
    @SuppressWarnings("unchecked")
    <T> Map<String, T> perFilesystem(String kind, Collection<String> wanted,
            Function<List<String>, Map<String, T>> list) {
        Map<String, T> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        long gen;
        synchronized (this) {
            Map<String, Object> kept = perFilesystem.getOrDefault(kind, Map.of());
            for (String fs : wanted) {
                if (kept.containsKey(fs)) {
                    out.put(fs, (T) kept.get(fs));
                } else {
                    out.put(fs, null);
                    missing.add(fs);
                }
            }
            gen = generation;
        }
        if (missing.isEmpty()) {
            return out;
        }
        Map<String, T> listed = list.apply(missing);
        synchronized (this) {
            boolean keep = gen == generation;
            Map<String, Object> kept = perFilesystem.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            for (String fs : missing) {
                T value = listed.get(fs);
                out.put(fs, value);
                if (keep && value != null) {
                    kept.put(fs, value);
                }
            }
        }
        out.values().removeIf(Objects::isNull);
        return out;
    }

    /** Something is about to change through the endpoint: forget every listing. */
    synchronized void invalidate() {
        generation++;
        filesystems = null;
        perFilesystem.clear();
    }

    /** Runs a changing call; the memo is dropped before and after it (a concurrent listing is not kept). */
    <T> T changing(Supplier<T> call) {
        invalidate();
        try {
            return call.get();
        } finally {
            invalidate();
        }
    }
}
