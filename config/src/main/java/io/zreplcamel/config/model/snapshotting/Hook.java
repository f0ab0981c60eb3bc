package io.zreplcamel.config.model.snapshotting;

import io.zreplcamel.config.filter.FilesystemFilter;
import java.time.Duration;

/**
 * A snapshot hook ({@code snapshotting.hooks[]}): runs before and after the snapshot of each filesystem its filter
 * takes. Only {@code command} hooks are supported; {@code postgres-checkpoint} and {@code mysql-lock-tables} are
 * rejected by the parser ("not supported yet").
 */
public sealed interface Hook {

    String type();

    /** Which filesystems the hook runs for (default: all). */
    FilesystemFilter filesystems();

    /** Whether a failing pre-snapshot run prevents the snapshot (and later hooks). */
    boolean errIsFatal();

    Duration timeout();

    /**
     * An executable run without arguments, once with {@code ZREPL_HOOKTYPE=pre_snapshot} and once with
     * {@code post_snapshot}, plus {@code ZREPL_FS}, {@code ZREPL_SNAPNAME}, {@code ZREPL_DRYRUN},
     * {@code ZREPL_TIMEOUT}; killed after {@code timeout} (default 30s).
     */
    record Command(String path, Duration timeout, FilesystemFilter filesystems, boolean errIsFatal) implements Hook {
        public String type() {
            return "command";
        }
    }
}
