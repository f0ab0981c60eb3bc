package io.zreplcamel.processors.snapshotting;

import io.zreplcamel.processors.hooks.HookPlanReport;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One filesystem in a snapshot run, for status and metrics.
 *
 * @param snapshotName the name used (set once the filesystem's batch started)
 * @param hooks        the hook steps around its snapshot (the snapshot itself is the callback step)
 * @param error        why it failed: the snapshot error, or the first failed hook step
 */
public record FilesystemSnapshotReport(String filesystem, State state, Optional<String> snapshotName,
                                       Optional<Instant> begin, Optional<Instant> end, HookPlanReport hooks,
                                       Optional<String> error) {

    /** zrepl's SnapPending / SnapStarted / SnapDone / SnapError. */
    public enum State { PENDING, STARTED, DONE, ERROR }

    public FilesystemSnapshotReport {
        Objects.requireNonNull(filesystem, "filesystem");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(hooks, "hooks");
    }
}
