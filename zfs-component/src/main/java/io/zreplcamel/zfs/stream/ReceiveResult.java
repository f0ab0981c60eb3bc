package io.zreplcamel.zfs.stream;

import java.time.Duration;

/**
 * A completed {@code zfs receive}.
 *
 * @param target the filesystem or snapshot received into, as passed to zfs
 * @param bytes  stream bytes fed to the process
 */
public record ReceiveResult(String target, long bytes, Duration elapsed) {
}
