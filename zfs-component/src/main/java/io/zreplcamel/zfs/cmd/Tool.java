package io.zreplcamel.zfs.cmd;

/** Which binary a {@link Command} runs; the runner maps each to a configured path. */
public enum Tool {
    ZFS,
    ZPOOL
}
