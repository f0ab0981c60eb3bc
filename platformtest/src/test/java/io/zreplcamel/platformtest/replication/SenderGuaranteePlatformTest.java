package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.bandwidth.BandwidthLimiter;
import io.zreplcamel.processors.endpoint.local.LocalSender;
import io.zreplcamel.processors.endpoint.local.SenderException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.zfs.ReceiveRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The local sender on real ZFS: each guarantee mode's holds and bookmarks before the send and after
 * SendCompleted (names exactly zrepl's, read back with {@code zfs holds} / {@code zfs list -t bookmark}), a
 * {@code -I} stream received by a plain {@code zfs recv}, raw sends of encrypted datasets, the encryption policy,
 * and the cost of listing.
 */
@PlatformTest
class SenderGuaranteePlatformTest {

    static final String JOB = "push";

    static Protection both(GuaranteeKind k) {
        return new Protection(k, k);
    }

    static LocalSender sender(Zfs zfs, String root, SendOptions opts) {
        return new LocalSender(() -> zfs, JOB, FilesystemFilter.of(Map.of(root + "<", true)), opts,
                BandwidthLimiter.unlimited());
    }

    static FilesystemVersion snap(String fs, String name) {
        long guid = Long.parseUnsignedLong(Sh.run("zfs", "get", "-H", "-p", "-o", "value", "guid", fs + "@" + name)
                .stdout().strip());
        long txg = Long.parseLong(Sh.run("zfs", "get", "-H", "-p", "-o", "value", "createtxg", fs + "@" + name)
                .stdout().strip());
        return FilesystemVersion.snapshot(name, guid, txg, Instant.EPOCH);
    }

    static List<String> holds(String snapshot) {
        List<String> tags = new ArrayList<>();
        for (String l : Sh.run("zfs", "holds", "-H", snapshot).lines()) {
            if (!l.isBlank()) {
                tags.add(l.split("\t")[1]);
            }
        }
        return tags;
    }

    static List<String> bookmarks(String fs) {
        return Sh.run("zfs", "list", "-H", "-o", "name", "-t", "bookmark", "-d", "1", fs).lines().stream()
                .filter(l -> !l.isBlank()).map(l -> l.substring(l.indexOf('#') + 1)).toList();
    }

    static String hex(FilesystemVersion v) {
        return String.format("%016x", v.guid());
    }

    static void write(Path file, int bytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[bytes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        try {
            Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        return Sh.run("sha256sum", file.toString()).stdout().split(" ")[0];
    }

    /** A plain {@code zfs recv} process fed by the JVM from the sender's stream. */
    static void plainRecv(InputStream stream, String target) throws Exception {
        Process p = new ProcessBuilder("zfs", "recv", "-u", target).redirectErrorStream(true).start();
        try (InputStream in = stream; OutputStream out = p.getOutputStream()) {
            in.transferTo(out);
        }
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("zfs recv " + target + ": " + output).isZero();
    }

    @Test
    void eachGuaranteeModeLeavesZreplsAbstractions(TestPool src, TestPool dst) throws Exception {
        String fs = src.ds("data");
        src.zfs("create", fs);
        write(src.mountpoint("data").resolve("f"), 64 * 1024, 1);
        for (String s : List.of("a", "b", "c", "d")) {
            src.zfs("snapshot", fs + "@" + s);
        }
        FilesystemVersion a = snap(fs, "a");
        FilesystemVersion b = snap(fs, "b");
        FilesystemVersion c = snap(fs, "c");
        FilesystemVersion d = snap(fs, "d");
        Zfs zfs = Zfs.withDefaults();
        LocalSender sender = sender(zfs, src.name(), SendOptions.DEFAULTS);
        String target = dst.ds("data");

        // guarantee_resumability, initial step: step hold on `to`
        StepRequest s1 = new StepRequest(fs, Optional.empty(), a, Optional.empty(), false,
                both(GuaranteeKind.GUARANTEE_RESUMABILITY));
        OutgoingStream o1 = sender.send(s1);
        assertThat(o1.stream()).as("unlimited: the send pipe itself").isInstanceOf(ZfsSendStream.class);
        assertThat(holds(fs + "@a")).containsExactly("zrepl_STEP_J_push");
        assertThat(bookmarks(fs)).isEmpty();
        zfs.receive(ReceiveRequest.into(target).withNoMount(true), o1.stream());
        sender.sendCompleted(s1);
        assertThat(holds(fs + "@a")).isEmpty();
        assertThat(bookmarks(fs)).containsExactly("zrepl_CURSOR_G_" + hex(a) + "_J_push");

        // a leftover step hold of an earlier failed step on some other snapshot is cleaned at the next send
        src.zfs("hold", "zrepl_STEP_J_push", fs + "@d");
        src.zfs("hold", "zrepl_STEP_J_other", fs + "@d");

        // guarantee_incremental: tentative cursors of from and to, then the cursor moves
        StepRequest s2 = new StepRequest(fs, Optional.of(a), b, Optional.empty(), false,
                both(GuaranteeKind.GUARANTEE_INCREMENTAL));
        OutgoingStream o2 = sender.send(s2);
        assertThat(bookmarks(fs)).containsExactlyInAnyOrder("zrepl_CURSOR_G_" + hex(a) + "_J_push",
                "zrepl_CURSORTENTATIVE__G_" + hex(a) + "_J_push", "zrepl_CURSORTENTATIVE__G_" + hex(b) + "_J_push");
        assertThat(holds(fs + "@a")).isEmpty();
        assertThat(holds(fs + "@d")).as("this job's stale step hold released, another job's kept")
                .containsExactly("zrepl_STEP_J_other");
        zfs.receive(ReceiveRequest.into(target).withNoMount(true), o2.stream());
        sender.sendCompleted(s2);
        assertThat(bookmarks(fs)).containsExactly("zrepl_CURSOR_G_" + hex(b) + "_J_push");
        assertThat(sender.replicationCursors(List.of(fs)).get(fs)).get()
                .extracting(FilesystemVersion::guid).isEqualTo(b.guid());

        // guarantee_resumability incremental: holds on from and to
        StepRequest s3 = new StepRequest(fs, Optional.of(b), c, Optional.empty(), false,
                both(GuaranteeKind.GUARANTEE_RESUMABILITY));
        OutgoingStream o3 = sender.send(s3);
        assertThat(holds(fs + "@b")).containsExactly("zrepl_STEP_J_push");
        assertThat(holds(fs + "@c")).containsExactly("zrepl_STEP_J_push");
        zfs.receive(ReceiveRequest.into(target).withNoMount(true), o3.stream());
        sender.sendCompleted(s3);
        assertThat(holds(fs + "@b")).isEmpty();
        assertThat(holds(fs + "@c")).isEmpty();
        assertThat(bookmarks(fs)).containsExactly("zrepl_CURSOR_G_" + hex(c) + "_J_push");

        // guarantee_nothing: nothing before, and SendCompleted destroys the cursors too
        StepRequest s4 = new StepRequest(fs, Optional.of(c), d, Optional.empty(), false,
                both(GuaranteeKind.GUARANTEE_NOTHING));
        OutgoingStream o4 = sender.send(s4);
        assertThat(holds(fs + "@c")).isEmpty();
        assertThat(holds(fs + "@d")).containsExactly("zrepl_STEP_J_other");
        assertThat(bookmarks(fs)).containsExactly("zrepl_CURSOR_G_" + hex(c) + "_J_push");
        zfs.receive(ReceiveRequest.into(target).withNoMount(true), o4.stream());
        sender.sendCompleted(s4);
        assertThat(bookmarks(fs)).isEmpty();
        assertThat(sender.replicationCursors(List.of(fs)).get(fs)).isEmpty();
        assertThat(Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-d", "1", target).lines())
                .containsExactly(target + "@a", target + "@b", target + "@c", target + "@d");
        src.zfs("release", "zrepl_STEP_J_other", fs + "@d");
    }

    @Test
    void intermediatesStreamIsReceivedByPlainZfsRecvWithEqualData(TestPool src, TestPool dst) throws Exception {
        String fs = src.ds("i");
        src.zfs("create", fs);
        Path file = src.mountpoint("i").resolve("f");
        write(file, 128 * 1024, 2);
        src.zfs("snapshot", fs + "@s1");
        write(file, 128 * 1024, 3);
        src.zfs("snapshot", fs + "@s2");
        write(file, 96 * 1024, 4);
        String expected = sha256(file);
        src.zfs("snapshot", fs + "@s3");
        Zfs zfs = Zfs.withDefaults();
        SendOptions opts = new SendOptions(false, false, false, false, true, true, true, false,
                BandwidthLimit.UNLIMITED);
        LocalSender sender = sender(zfs, src.name(), opts);
        Protection p = both(GuaranteeKind.GUARANTEE_RESUMABILITY);
        StepRequest full = new StepRequest(fs, Optional.empty(), snap(fs, "s1"), Optional.empty(), false, p);
        assertThat(sender.estimateSize(full)).isPositive();
        plainRecv(sender.send(full).stream(), dst.ds("i"));
        sender.sendCompleted(full);
        StepRequest inc = new StepRequest(fs, Optional.of(snap(fs, "s1")), snap(fs, "s3"), Optional.empty(), true, p);
        assertThat(sender.estimateSize(inc)).isPositive();
        plainRecv(sender.send(inc).stream(), dst.ds("i"));
        sender.sendCompleted(inc);
        assertThat(Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-d", "1", dst.ds("i")).lines())
                .containsExactly(dst.ds("i@s1"), dst.ds("i@s2"), dst.ds("i@s3"));
        dst.zfs("mount", dst.ds("i"));
        assertThat(sha256(dst.mountpoint("i").resolve("f"))).isEqualTo(expected);
        assertThat(bookmarks(fs)).containsExactly("zrepl_CURSOR_G_" + hex(snap(fs, "s3")) + "_J_push");

        // a limited sender hands out a metered stream that still carries every byte
        LocalSender limited = new LocalSender(() -> zfs, JOB, FilesystemFilter.of(Map.of(src.name() + "<", true)),
                opts, BandwidthLimiter.of(new BandwidthLimit(io.zreplcamel.config.values.DataSize.ofBytes(
                        4L << 20), io.zreplcamel.config.values.DataSize.ofBytes(128 * 1024))));
        OutgoingStream metered = limited.send(full);
        assertThat(metered.stream()).isNotInstanceOf(ZfsSendStream.class);
        plainRecv(metered.stream(), dst.ds("i2"));
        assertThat(Sh.run("zfs", "list", "-H", "-o", "name", "-t", "snapshot", "-d", "1", dst.ds("i2")).lines())
                .containsExactly(dst.ds("i2@s1"));
    }

    @Test
    void encryptionPolicyAndRawEncryptedSend(TestPool src, TestPool dst) throws Exception {
        Path key = src.mountpoint().getParent().resolve("sender-key");
        Files.writeString(key, "correct horse battery staple\n");
        String enc = src.ds("enc");
        String plain = src.ds("plain");
        src.zfs("create", "-o", "encryption=on", "-o", "keyformat=passphrase", "-o", "keylocation=file://" + key,
                enc);
        src.zfs("create", plain);
        Path file = src.mountpoint("enc").resolve("secret");
        write(file, 64 * 1024, 5);
        String expected = sha256(file);
        src.zfs("snapshot", enc + "@s");
        src.zfs("snapshot", plain + "@s");
        Zfs zfs = Zfs.withDefaults();
        Protection p = both(GuaranteeKind.GUARANTEE_NOTHING);
        SendOptions encrypted = new SendOptions(true, false, false, false, false, false, false, false,
                BandwidthLimit.UNLIMITED);
        SendOptions rawOnly = new SendOptions(false, true, false, false, false, false, false, false,
                BandwidthLimit.UNLIMITED);
        StepRequest encStep = new StepRequest(enc, Optional.empty(), snap(enc, "s"), Optional.empty(), false, p);
        StepRequest plainStep = new StepRequest(plain, Optional.empty(), snap(plain, "s"), Optional.empty(), false, p);
        try {
            // encrypted: true refuses an unencrypted dataset
            assertThatThrownBy(() -> sender(zfs, src.name(), encrypted).send(plainStep))
                    .isInstanceOf(SenderException.class)
                    .hasMessageContaining("encrypted send mandated by policy, but filesystem " + plain
                            + " is not encrypted");
            // raw: true with encrypted: false refuses an encrypted dataset
            assertThatThrownBy(() -> sender(zfs, src.name(), rawOnly).estimateSize(encStep))
                    .isInstanceOf(SenderException.class)
                    .hasMessageContaining("policy mandates raw+unencrypted sends, but filesystem " + enc
                            + " is encrypted");
            // raw of an unencrypted dataset and plain of an encrypted (loaded key) one are allowed
            assertThat(sender(zfs, src.name(), rawOnly).estimateSize(plainStep)).isPositive();
            assertThat(sender(zfs, src.name(), SendOptions.DEFAULTS).estimateSize(encStep)).isPositive();
            // a version that does not match by guid is refused, naming the filesystem
            FilesystemVersion wrong = FilesystemVersion.snapshot("s", 42, 1, Instant.EPOCH);
            assertThatThrownBy(() -> sender(zfs, src.name(), SendOptions.DEFAULTS).send(new StepRequest(plain,
                    Optional.empty(), wrong, Optional.empty(), false, p))).hasMessageContaining(plain + "@s")
                    .hasMessageContaining("guid");
            // and a filesystem outside the filter
            assertThatThrownBy(() -> new LocalSender(() -> zfs, JOB, FilesystemFilter.of(Map.of(enc, true)),
                    SendOptions.DEFAULTS, BandwidthLimiter.unlimited()).send(plainStep))
                    .hasMessageContaining("endpoint does not allow access to filesystem " + plain);

            // encrypted: true sends the encrypted dataset raw; the receiver stays encrypted without the key
            plainRecv(sender(zfs, src.name(), encrypted).send(encStep).stream(), dst.ds("enc"));
            Map<String, String> props = new java.util.HashMap<>();
            for (String l : Sh.run("zfs", "get", "-H", "-o", "property,value", "encryption,keystatus",
                    dst.ds("enc")).lines()) {
                String[] f = l.split("\t");
                props.put(f[0], f[1]);
            }
            assertThat(props.get("encryption")).startsWith("aes-");
            assertThat(props.get("keystatus")).isEqualTo("unavailable");
            dst.zfs("load-key", "-L", "file://" + key, dst.ds("enc"));
            dst.zfs("mount", dst.ds("enc"));
            assertThat(sha256(dst.mountpoint("enc").resolve("secret"))).isEqualTo(expected);
        } finally {
            Sh.exec("zfs", "unload-key", "-a");
        }
    }

    @Test
    void listingTwentyFilesystemsCostsTwoZfsProcesses(TestPool src) throws Exception {
        List<String> names = new ArrayList<>();
        StringBuilder script = new StringBuilder("set -e\nzfs create " + src.ds("fs") + "\n");
        for (int i = 0; i < 20; i++) {
            String fs = src.ds("fs/f" + i);
            names.add(fs);
            script.append("zfs create ").append(fs).append("\nzfs snapshot ").append(fs).append("@s1\n")
                    .append("zfs bookmark ").append(fs).append("@s1 ").append(fs).append("#b1\n")
                    .append("zfs snapshot ").append(fs).append("@s2\n");
        }
        script.append("zfs create -o zrepl:placeholder=on ").append(src.ds("ph")).append("\nzfs create ")
                .append(src.ds("ph/child")).append("\n");
        Sh.bash(script.toString());
        Zfs zfs = Zfs.withDefaults();
        zfs.version(); // detected once per JVM, not part of a run's cost
        LocalSender sender = new LocalSender(() -> zfs, JOB, FilesystemFilter.of(Map.of(src.ds("fs") + "<", true,
                src.ds("ph") + "<", true)), SendOptions.DEFAULTS, BandwidthLimiter.unlimited());
        long before = zfs.runner().counter().total();
        List<EndpointFilesystem> fss = sender.listFilesystems();
        List<String> listed = fss.stream().map(EndpointFilesystem::path).toList();
        Map<String, List<FilesystemVersion>> versions = sender.listVersions(names);
        long spawned = zfs.runner().counter().total() - before;
        System.out.println("listFilesystems + listVersions over 20 filesystems: " + spawned + " zfs processes "
                + zfs.runner().counter().byVerb());
        assertThat(spawned).isLessThanOrEqualTo(2);
        assertThat(listed).containsAll(names).contains(src.ds("fs"), src.ds("ph"), src.ds("ph/child"))
                .allMatch(n -> n.startsWith(src.ds("fs")) || n.startsWith(src.ds("ph")));
        Map<String, Boolean> placeholder = new java.util.HashMap<>();
        fss.forEach(f -> placeholder.put(f.path(), f.placeholder()));
        assertThat(placeholder).containsEntry(src.ds("ph"), true).containsEntry(src.ds("ph/child"), false)
                .containsEntry(src.ds("fs/f3"), false);
        if (zfs.version().atLeast(2, 2)) {
            assertThat(fss.stream().filter(f -> f.path().equals(src.ds("fs/f3"))).findFirst().orElseThrow()
                    .snapshotsChanged()).isPresent();
        }
        assertThat(versions).hasSize(20);
        for (String fs : names) {
            assertThat(versions.get(fs)).extracting(FilesystemVersion::relativeName)
                    .containsExactly("#b1", "@s1", "@s2");
        }
        assertThat(versions.get(names.get(0)).get(0).guid()).isEqualTo(versions.get(names.get(0)).get(1).guid());
    }
}
