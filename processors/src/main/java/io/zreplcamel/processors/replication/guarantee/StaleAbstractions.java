package io.zreplcamel.processors.replication.guarantee;

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

/**
 * Which abstractions are no longer needed (pure). Two uses:
 * <ul>
 *   <li>the sender's own bookkeeping on one filesystem, right after it protected a step and right after
 *       {@code SendCompleted} (spec §7.6, §8.2): only the job's own abstractions are ever touched, and what the step
 *       just made and its {@code from}/{@code to} are always kept — also when the job switched guarantee mode, which
 *       is how a switch cleans up the other mode's leftovers on the next step;</li>
 *   <li>{@code zfs-abstraction release-stale}: zrepl's {@code ListStale} rules over everything listed (§8.4).</li>
 * </ul>
 */
public final class StaleAbstractions {

    private StaleAbstractions() {
    }

    /**
     * Before {@code zfs send} of a step: the job's step holds and tentative cursors on the step's filesystem, except
     * those just created and anything on {@code from} or {@code to} (a tentative-cursor {@code from} is the step's
     * incremental source and must survive).
     */
    public static List<Abstraction> beforeSend(Collection<Abstraction> onFilesystem, String jobId,
            Collection<Abstraction> justCreated, Optional<FilesystemVersion> from, FilesystemVersion to) {
        Set<Key> keep = keys(justCreated);
        List<Abstraction> out = new ArrayList<>();
        for (Abstraction a : onFilesystem) {
            boolean candidate = a.type() == AbstractionType.STEP_HOLD
                    || a.type() == AbstractionType.TENTATIVE_REPLICATION_CURSOR;
            if (candidate && a.belongsTo(jobId) && !keep.contains(Key.of(a)) && !isOn(a, from, to)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * At {@code SendCompleted}: the job's step holds, tentative cursors and replication cursors on the filesystem,
     * except the cursor just created ({@code guarantee_nothing} creates none, so all its cursors go).
     */
    public static List<Abstraction> atSendCompleted(Collection<Abstraction> onFilesystem, String jobId,
            Optional<Abstraction> newCursor) {
        Set<Key> keep = keys(newCursor.stream().toList());
        List<Abstraction> out = new ArrayList<>();
        for (Abstraction a : onFilesystem) {
            boolean candidate = a.type() == AbstractionType.STEP_HOLD
                    || a.type() == AbstractionType.TENTATIVE_REPLICATION_CURSOR
                    || a.type() == AbstractionType.REPLICATION_CURSOR_V2;
            if (candidate && a.belongsTo(jobId) && !keep.contains(Key.of(a))) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * zrepl's {@code ListStale} (spec §8.4), over abstractions of any filesystems and jobs:
     * <ul>
     *   <li>step holds of (fs, job): with a v2 cursor of (fs, job), those at or before the newest cursor's createtxg;
     *       without one, all but those at the newest step hold's createtxg;</li>
     *   <li>v2 cursors and last-received holds: all but the newest per (fs, job, type);</li>
     *   <li>everything else (tentative cursors, the v1 cursor) is live.</li>
     * </ul>
     */
    public static List<Abstraction> listStale(Collection<Abstraction> all) {
        Map<List<Object>, List<Abstraction>> groups = new LinkedHashMap<>();
        for (Abstraction a : all) {
            if (a.jobId().isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(List.of(a.filesystem(), a.jobId().get(), a.type()), k -> new ArrayList<>()).add(a);
        }
        List<Abstraction> stale = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Abstraction>> g : groups.entrySet()) {
            String fs = (String) g.getKey().get(0);
            String job = (String) g.getKey().get(1);
            AbstractionType type = (AbstractionType) g.getKey().get(2);
            List<Abstraction> members = g.getValue();
            switch (type) {
                case STEP_HOLD -> {
                    OptionalLong newestCursor = newestTxg(groups.getOrDefault(
                            List.of(fs, job, AbstractionType.REPLICATION_CURSOR_V2), List.of()));
                    if (newestCursor.isPresent()) {
                        members.stream().filter(a -> a.createTxg() <= newestCursor.getAsLong()).forEach(stale::add);
                    } else {
                        long newestHold = newestTxg(members).orElseThrow();
                        members.stream().filter(a -> a.createTxg() != newestHold).forEach(stale::add);
                    }
                }
                case REPLICATION_CURSOR_V2, LAST_RECEIVED_HOLD -> {
                    Abstraction newest = members.stream().max(Comparator.comparingLong(Abstraction::createTxg))
                            .orElseThrow();
                    members.stream().filter(a -> a != newest).forEach(stale::add);
                }
                default -> {
                    // tentative cursors and the v1 cursor: live (zrepl cannot tell when they are unused)
                }
            }
        }
        return stale;
    }

    private static OptionalLong newestTxg(List<Abstraction> as) {
        return as.stream().mapToLong(Abstraction::createTxg).max();
    }

    private static boolean isOn(Abstraction a, Optional<FilesystemVersion> from, FilesystemVersion to) {
        if (a.guid() == to.guid() || from.map(f -> f.guid() == a.guid()).orElse(false)) {
            return true;
        }
        return false;
    }

    /** Identity of an abstraction on disk: a bookmark by name, a hold by (snapshot, type, job). */
    private record Key(AbstractionType type, String filesystem, String versionName, Optional<String> jobId) {
        static Key of(Abstraction a) {
            return new Key(a.type(), a.filesystem(), a.versionName(), a.jobId());
        }
    }

    private static Set<Key> keys(Collection<Abstraction> as) {
        Set<Key> s = new HashSet<>();
        as.forEach(a -> s.add(Key.of(a)));
        return s;
    }
}
