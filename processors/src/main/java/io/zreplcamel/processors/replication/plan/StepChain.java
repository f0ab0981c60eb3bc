package io.zreplcamel.processors.replication.plan;

import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incremental steps from one version through a list of later snapshots: one {@code -i} step per pair, or, merged,
 * one {@code zfs send -I} step that carries the snapshots in between in one stream.
 */
final class StepChain {

    private StepChain() {
    }

    /**
     * @param from  the version the receiver has (snapshot or bookmark)
     * @param later sender snapshots after {@code from}, oldest first (may be empty)
     * @param merge one {@code -I} step instead of one step per snapshot; a bookmark {@code from} stays its own
     *              {@code -i} step, because {@code zfs send -I} takes only a snapshot as its source
     */
    static List<Step> incrementals(FilesystemVersion from, List<FilesystemVersion> later, boolean merge) {
        List<Step> steps = new ArrayList<>();
        if (later.isEmpty()) {
            return steps;
        }
        FilesystemVersion base = from;
        List<FilesystemVersion> rest = later;
        if (merge && from.isBookmark()) {
            steps.add(Step.incremental(from, later.get(0)));
            base = later.get(0);
            rest = later.subList(1, later.size());
        }
        if (merge) {
            if (!rest.isEmpty()) {
                steps.add(new Step(Optional.of(base), rest.get(rest.size() - 1), Optional.empty(),
                        rest.subList(0, rest.size() - 1)));
            }
            return steps;
        }
        for (FilesystemVersion to : rest) {
            steps.add(Step.incremental(base, to));
            base = to;
        }
        return steps;
    }
}
