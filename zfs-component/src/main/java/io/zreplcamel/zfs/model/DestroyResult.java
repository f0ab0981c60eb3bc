package io.zreplcamel.zfs.model;

import io.zreplcamel.zfs.error.ZfsException;
import java.util.List;
import java.util.Map;

/**
 * Outcome of a batched snapshot destroy, per requested snapshot: destroyed (or already gone), or the error that
 * kept it. A batch never stops at the first failure; see {@code Zfs#destroySnapshots}.
 *
 * @param destroyed requested snapshots that no longer exist
 * @param failed    requested snapshots that still exist, with why
 * @param processes zfs processes the batch took
 */
public record DestroyResult(List<String> destroyed, Map<String, ZfsException> failed, int processes) {

    public DestroyResult {
        destroyed = List.copyOf(destroyed);
        failed = Map.copyOf(failed);
    }

    public boolean allDestroyed() {
        return failed.isEmpty();
    }
}
