package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.Trees;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
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
public final class ReceivedData {

    private static final AtomicInteger CLONES = new AtomicInteger();

    private ReceivedData() {
    }

    /** SHA-256 of every file in {@code snapshot} ({@code pool/fs@snap}), relative path → hex digest. */
    public static SortedMap<String, String> sha256(String snapshot) {
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

    /** The files of the received snapshot equal the source's (SHA-256 each), and so does its guid. */
    public static void assertSameData(String sourceSnapshot, String receivedSnapshot) {
        SortedMap<String, String> source = sha256(sourceSnapshot);
        assertThat(source).isNotEmpty();
        assertThat(sha256(receivedSnapshot)).as("files of %s", receivedSnapshot).isEqualTo(source);
        assertThat(LocalReplicationRig.guid(receivedSnapshot)).isEqualTo(LocalReplicationRig.guid(sourceSnapshot));
    }

    /** The filesystem's report in the invocation's last attempt. */
    static FilesystemReport fsReport(InvocationReport report, String filesystem) {
        var attempts = report.replication().attempts();
        assertThat(attempts).as("attempts of %s", report).isNotEmpty();
        return attempts.get(attempts.size() - 1).filesystems().stream()
                .filter(f -> f.filesystem().equals(filesystem)).findFirst()
                .orElseThrow(() -> new AssertionError(filesystem + " not in " + report));
    }
}
