package io.zreplcamel.platformtest.replication;

import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.zfs.Zfs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** Shared helpers of the receiver platform tests: data, checksums, a snapshot's identity, receivers. */
final class ReceiverFixture {

    static final Protection RESUMABLE = new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_RESUMABILITY);
    static final String JOB = "sink";
    static final String TAG = "zrepl_last_received_J_sink";

    private ReceiverFixture() {
    }

    /**
     * A receiver of job {@value #JOB} below {@code rootFs/<identity>}; received filesystems are mounted at
     * {@code mountpoint} (when given) with atime off, so reading them for a checksum does not modify them.
     */
    static LocalReceiver receiver(Zfs zfs, String rootFs, String identity, PlaceholderEncryption mode,
            Path mountpoint) {
        Map<String, String> override = new LinkedHashMap<>();
        override.put("atime", "off");
        if (mountpoint != null) {
            override.put("mountpoint", mountpoint.toString());
        }
        return new LocalReceiver(() -> zfs, JOB, rootFs, Optional.ofNullable(identity),
                new RecvOptions(List.of(), override, BandwidthLimit.UNLIMITED, mode), UnaryOperator.identity());
    }

    /**
     * A snapshot's identity read with {@code zfs get} (not {@code zfs list}, which takes filesystems only in the
     * zfs layer: listing with a snapshot name is an invalid-name error).
     */
    static FilesystemVersion version(String snapshot) {
        Map<String, String> p = new HashMap<>();
        for (String line : Sh.run("zfs", "get", "-H", "-p", "-o", "property,value", "guid,createtxg,creation",
                snapshot).lines()) {
            String[] f = line.split("\t");
            p.put(f[0], f[1]);
        }
        return FilesystemVersion.snapshot(snapshot.substring(snapshot.indexOf('@') + 1),
                Long.parseUnsignedLong(p.get("guid")), Long.parseLong(p.get("createtxg")),
                Instant.ofEpochSecond(Long.parseLong(p.get("creation"))));
    }

    static ReceiveStep step(String path, String snapshot) {
        return new ReceiveStep(path, version(snapshot), false, RESUMABLE);
    }

    /** {@code value<TAB>source} of a property. */
    static String valueAndSource(String dataset, String property) {
        return Sh.run("zfs", "get", "-H", "-o", "value,source", property, dataset).stdout().strip();
    }

    static String value(String dataset, String property) {
        return Sh.run("zfs", "get", "-H", "-o", "value", property, dataset).stdout().strip();
    }

    static List<String> holdTags(String snapshot) {
        return Sh.run("zfs", "holds", "-H", snapshot).lines().stream().map(l -> l.split("\t")[1]).toList();
    }

    /** Pseudo-random (incompressible) data. */
    static void writeRandom(Path file, long bytes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= buf.length) {
                rnd.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256sum of every file under {@code dir}, by relative name. */
    static String sha256Tree(Path dir) {
        return Sh.bash("cd '" + dir + "' && find . -type f -print0 | sort -z | xargs -0 -r sha256sum").stdout();
    }

    /** A source filesystem {@code <pool>/<relative>} with {@code kib} KiB of data in one file, snapshotted. */
    static String source(TestPool pool, String relative, int kib, String snapshot, long seed) {
        String fs = pool.ds(relative);
        pool.zfs("create", "-p", "-o", "compression=off", fs);
        writeRandom(pool.mountpoint(relative).resolve("data-" + seed + ".bin"), kib * 1024L, seed);
        pool.zfs("snapshot", fs + "@" + snapshot);
        return fs;
    }
}
