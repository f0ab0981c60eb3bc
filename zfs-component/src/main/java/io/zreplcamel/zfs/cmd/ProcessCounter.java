package io.zreplcamel.zfs.cmd;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts spawned zfs/zpool processes, in total and per verb ({@code zfs list}, {@code zpool get}, ...). Each runner
 * has one, and {@link #global()} sums all runners of this JVM, so tests and benchmarks can assert "this planning
 * run spawned 2 processes" without access to the runner the code under test used.
 */
public final class ProcessCounter {

    private static final ProcessCounter GLOBAL = new ProcessCounter();

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byVerb = new ConcurrentHashMap<>();

    /** The JVM-wide counter every runner also increments. */
    public static ProcessCounter global() {
        return GLOBAL;
    }

    void record(Tool tool, String verb) {
        total.incrementAndGet();
        byVerb.computeIfAbsent(key(tool, verb), k -> new LongAdder()).increment();
    }

    public long total() {
        return total.get();
    }

    /** Spawns of one verb, e.g. {@code count(Tool.ZFS, "list")}. */
    public long count(Tool tool, String verb) {
        LongAdder a = byVerb.get(key(tool, verb));
        return a == null ? 0 : a.sum();
    }

    /** Snapshot keyed {@code "zfs list"}, {@code "zpool get"}, sorted. */
    public Map<String, Long> byVerb() {
        Map<String, Long> m = new TreeMap<>();
        byVerb.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    private static String key(Tool tool, String verb) {
        return (tool == Tool.ZFS ? "zfs " : "zpool ") + verb;
    }
}
