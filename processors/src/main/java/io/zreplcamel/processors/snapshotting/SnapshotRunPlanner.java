package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Plans a snapshot run (pure): which filesystems, in which batches, with which warnings. */
public final class SnapshotRunPlanner {

    private SnapshotRunPlanner() {
    }

    /**
     * @param datasets every dataset the job could see (e.g. one {@code zfs list} of the pools); the job's
     *                 filter picks the ones to snapshot
     */
    public static SnapshotRunPlan plan(List<String> datasets, FilesystemFilter filter, Snapshotting snapshotting) {
        List<String> selected = new ArrayList<>();
        for (String d : datasets) {
            if (filter.accepts(d)) {
                selected.add(d);
            }
        }
        boolean atomic = snapshotting instanceof Snapshotting.Periodic p ? p.atomic()
                : snapshotting instanceof Snapshotting.Cron c && c.atomic();
        return plan(selected, snapshotting.hooks(), atomic);
    }

    /** Plans the already selected {@code filesystems}. */
    public static SnapshotRunPlan plan(List<String> filesystems, List<Hook> hooks, boolean atomic) {
        TreeSet<String> sorted = new TreeSet<>(filesystems);
        List<SnapshotBatch> batches = new ArrayList<>();
        if (atomic) {
            Map<String, List<String>> byPool = new TreeMap<>();
            for (String fs : sorted) {
                byPool.computeIfAbsent(poolOf(fs), k -> new ArrayList<>()).add(fs);
            }
            byPool.forEach((pool, members) -> batches.add(new SnapshotBatch(pool, members, true)));
        } else {
            for (String fs : sorted) {
                batches.add(new SnapshotBatch(poolOf(fs), List.of(fs), false));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Hook h : hooks) {
            if (sorted.stream().noneMatch(fs -> h.filesystems().accepts(fs))) {
                warnings.add("hook did not match any snapshotted filesystems: " + describe(h));
            }
        }
        return new SnapshotRunPlan(batches, hooks, warnings);
    }

    /** The pool of a dataset path: its first component. */
    public static String poolOf(String dataset) {
        int slash = dataset.indexOf('/');
        return slash < 0 ? dataset : dataset.substring(0, slash);
    }

    private static String describe(Hook h) {
        return io.zreplcamel.processors.hooks.HookPlan.describe(h);
    }
}
