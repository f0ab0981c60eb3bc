package io.zreplcamel.zfs.model;

import java.time.Instant;

/** One line of {@code zfs holds -H -p}: a user hold (tag) on a snapshot, and when it was placed. */
public record Hold(String snapshot, String tag, Instant created) {
}
