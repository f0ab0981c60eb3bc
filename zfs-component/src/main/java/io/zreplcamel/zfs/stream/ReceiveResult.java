package io.zreplcamel.zfs.stream;

import java.time.Duration;

/**
 * A completed {@code zfs receive}.
 *
 * @param target the filesystem or snapshot received into, as passed to zfs
 * @param bytes  stream bytes fed to the process, or {@link #UNKNOWN_BYTES} when zfs receive read the send pipe
 *               directly (nothing passed through the JVM to count)
 */
public record ReceiveResult(String target, long bytes, Duration elapsed) {

    public static final long UNKNOWN_BYTES = -1;
}
