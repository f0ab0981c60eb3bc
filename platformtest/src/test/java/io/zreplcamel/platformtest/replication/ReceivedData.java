package io.zreplcamel.platformtest.replication;

import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checksums of the files in a snapshot, read through a temporary clone mounted read-only: received filesystems sit
 * below placeholders with {@code mountpoint=none}, and mounting the received filesystem itself would let atime
 * updates modify it (the next incremental receive would then fail). The clone is destroyed right after.
 */
final class ReceivedData {

    private static final AtomicInteger CLONES = new AtomicInteger();

    private ReceivedData() {
    }

    /** SHA-256 of every file in {@code snapshot} ({@code pool/fs@snap}), relative path → hex digest. */
    static SortedMap<String, String> sha256(String snapshot) {
        String pool = snapshot.substring(0, snapshot.indexOf('/'));
        String clone = pool + "/zpt-verify-" + CLONES.incrementAndGet();
        try {
            Path mnt = Files.createTempDirectory("zpt-verify");
            Sh.run("zfs", "clone", "-o", "readonly=on", "-o", "atime=off", "-o", "mountpoint=" + mnt, snapshot, clone);
            try {
                return Trees.sha256(mnt);
            } finally {
                Sh.run("zfs", "destroy", clone);
                Files.deleteIfExists(mnt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
