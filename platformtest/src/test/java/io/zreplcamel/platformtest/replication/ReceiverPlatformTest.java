package io.zreplcamel.platformtest.replication;

import static io.zreplcamel.platformtest.replication.ReceiverFixture.TAG;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.holdTags;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.receiver;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.sha256Tree;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.source;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.step;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.value;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.valueAndSource;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.processors.endpoint.local.ReceiverConfinementException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.stream.ZfsSendStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalReceiver} on real ZFS: placeholders for missing parents, forced receive over a placeholder only,
 * data equal to the source, resuming a killed receive, the last-received hold, and confinement. One pool per test:
 * the sender's filesystems are {@code <pool>/src/...}, the sink's root_fs is {@code <pool>/sink}.
 */
@PlatformTest
class ReceiverPlatformTest {

    @TempDir
    Path tmp;

    @Test
    void firstReceiveCreatesPlaceholdersThenIncrementalMovesTheHold(TestPool pool) throws Exception {
        String src = source(pool, "src/a", 512, "s1", 1);
        pool.zfs("create", pool.ds("sink"));
        String path = src; // the sender's dataset name is the path below the client root
        String clientRoot = pool.ds("sink/c1");
        String target = clientRoot + "/" + path;
        Path mnt = pool.mountpoint().resolve("recv-a");
        try (Zfs zfs = Zfs.withDefaults()) {
            LocalReceiver r = receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT, mnt);
            assertThat(r.listFilesystems()).as("nothing below a client root that does not exist yet").isEmpty();

            ZfsSendStream full = zfs.send(SendRequest.full(src + "@s1"));
            assertThat(r.receive(step(path, src + "@s1"), full)).as("direct pipe: bytes unknown").isEqualTo(-1);

            // the client root and every parent below it are placeholders: property local "on", not mounted
            for (String ph : List.of(clientRoot, clientRoot + "/" + pool.name(), clientRoot + "/" + pool.name()
                    + "/src")) {
                assertThat(valueAndSource(ph, "zrepl:placeholder")).as(ph).isEqualTo("on\tlocal");
                assertThat(valueAndSource(ph, "mountpoint")).as(ph).isEqualTo("none\tlocal");
            }
            assertThat(valueAndSource(target, "zrepl:placeholder")).as("inherited, so no placeholder")
                    .startsWith("on\tinherited from");
            assertThat(sha256Tree(mnt)).isEqualTo(sha256Tree(pool.mountpoint("src/a")));
            assertThat(holdTags(target + "@s1")).containsExactly(TAG);

            long before = zfs.runner().counter().total();
            List<EndpointFilesystem> fss = r.listFilesystems();
            assertThat(zfs.runner().counter().total() - before).as("one zfs process lists the filesystems")
                    .isEqualTo(1);
            Map<String, Boolean> placeholder = fss.stream()
                    .collect(Collectors.toMap(EndpointFilesystem::path, EndpointFilesystem::placeholder));
            assertThat(placeholder).containsExactlyInAnyOrderEntriesOf(
                    Map.of(pool.name(), true, pool.name() + "/src", true, path, false));
            assertThat(fss).allSatisfy(f -> assertThat(f.resumeToken()).isEmpty());
            assertThat(fss.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().snapshotsChanged())
                    .as("OpenZFS >= 2.2").isPresent();

            before = zfs.runner().counter().total();
            Map<String, List<FilesystemVersion>> versions = r.listVersions(List.of(path, pool.name(), "nope/x"));
            assertThat(zfs.runner().counter().total() - before).isEqualTo(1);
            // same guid and creation as the sender's snapshot; createtxg is the receiving pool's own
            assertThat(versions.get(path)).singleElement().satisfies(v -> {
                assertThat(v.guid()).isEqualTo(version(src + "@s1").guid());
                assertThat(v.creation()).isEqualTo(version(src + "@s1").creation());
                assertThat(v).isEqualTo(version(target + "@s1"));
            });
            assertThat(versions.get(pool.name())).isEmpty();
            assertThat(versions.get("nope/x")).isEmpty();

            // the incremental moves this job's hold and leaves another job's alone
            pool.zfs("hold", "zrepl_last_received_J_other", target + "@s1");
            ReceiverFixture.writeRandom(pool.mountpoint("src/a").resolve("more.bin"), 128 * 1024, 2);
            pool.zfs("snapshot", src + "@s2");
            r.receive(step(path, src + "@s2"), zfs.send(SendRequest.incremental("@s1", src + "@s2")));
            assertThat(holdTags(target + "@s2")).containsExactly(TAG);
            assertThat(holdTags(target + "@s1")).containsExactly("zrepl_last_received_J_other");
            assertThat(sha256Tree(mnt)).isEqualTo(sha256Tree(pool.mountpoint("src/a")));
            assertThat(r.listVersions(List.of(path)).get(path)).extracting(FilesystemVersion::guid)
                    .containsExactly(version(src + "@s1").guid(), version(src + "@s2").guid());

            // pruning below the root: the held one stays, the other goes
            pool.zfs("snapshot", target + "@extra");
            DestroyOutcome out = r.destroySnapshots(path, List.of(version(target + "@extra"),
                    version(target + "@s1")));
            assertThat(out.destroyed()).containsExactly("extra");
            assertThat(out.failed()).containsOnlyKeys("s1");
            assertThat(pool.listAll()).contains(target + "@s1").doesNotContain(target + "@extra");
            pool.zfs("release", "zrepl_last_received_J_other", target + "@s1");
        }
    }

    @Test
    void forcedReceiveReplacesAPlaceholderButNeverARealFilesystem(TestPool pool) throws Exception {
        String a = source(pool, "src/a", 256, "s1", 3);
        String b = source(pool, "src/a/b", 128, "s1", 4);
        pool.zfs("create", pool.ds("sink"));
        String root = pool.ds("sink/c1");
        try (Zfs zfs = Zfs.withDefaults()) {
            // the child first: its parent a becomes a placeholder
            receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT, pool.mountpoint().resolve("rb"))
                    .receive(step(b, b + "@s1"), zfs.send(SendRequest.full(b + "@s1")));
            assertThat(valueAndSource(root + "/" + a, "zrepl:placeholder")).isEqualTo("on\tlocal");

            // then a's data replaces the placeholder by a forced receive; the child survives it
            Path mntA = pool.mountpoint().resolve("ra");
            receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT, mntA)
                    .receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1")));
            assertThat(valueAndSource(root + "/" + a, "zrepl:placeholder")).isEqualTo("off\tlocal");
            assertThat(pool.listAll()).contains(root + "/" + a + "@s1", root + "/" + b, root + "/" + b + "@s1");
            assertThat(sha256Tree(mntA)).isEqualTo(sha256Tree(pool.mountpoint("src/a")).replaceAll(
                    "(?m)^.*\\./b/.*\\n", ""));
            assertThat(version(root + "/" + a + "@s1").guid()).isEqualTo(version(a + "@s1").guid());

            // a real filesystem is never overwritten: zfs refuses the full stream, the data stays
            String real = root + "/" + pool.name() + "/src/real";
            pool.zfs("create", "-o", "mountpoint=" + pool.mountpoint().resolve("real"), real);
            Files.writeString(pool.mountpoint().resolve("real").resolve("keep.txt"), "precious");
            LocalReceiver r = receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT,
                    pool.mountpoint().resolve("rr"));
            List<String> before = pool.listAll();
            ReceiveStep intoReal = new ReceiveStep(pool.name() + "/src/real", version(a + "@s1"), false,
                    ReceiverFixture.RESUMABLE);
            assertThatThrownBy(() -> r.receive(intoReal, zfs.send(SendRequest.full(a + "@s1"))))
                    .hasMessageContaining(real);
            assertThat(pool.listAll()).isEqualTo(before);
            assertThat(Files.readString(pool.mountpoint().resolve("real").resolve("keep.txt"))).isEqualTo("precious");

            // a placeholder with snapshots is not forced either
            String phSnap = root + "/" + pool.name() + "/src/held";
            pool.zfs("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", phSnap);
            pool.zfs("snapshot", phSnap + "@admin");
            before = pool.listAll();
            ReceiveStep intoHeld = new ReceiveStep(pool.name() + "/src/held", version(a + "@s1"), false,
                    ReceiverFixture.RESUMABLE);
            assertThatThrownBy(() -> r.receive(intoHeld, zfs.send(SendRequest.full(a + "@s1"))))
                    .hasMessageContaining("refusing a forced receive into placeholder " + phSnap);
            assertThat(pool.listAll()).isEqualTo(before);
            assertThat(valueAndSource(phSnap, "zrepl:placeholder")).isEqualTo("on\tlocal");
        }
    }

    @Test
    void aKilledReceiveResumesWithTheTokenAndAStaleStateIsCleared(TestPool pool) throws Exception {
        String src = source(pool, "src/r", 4096, "s1", 5);
        pool.zfs("create", pool.ds("sink"));
        String target = pool.ds("sink/c1") + "/" + src;
        Path mnt = pool.mountpoint().resolve("rr");
        try (Zfs zfs = Zfs.withDefaults()) {
            LocalReceiver r = receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT, mnt);
            // the stream of a killed transfer: the first 1 MiB of a full send, saved to a file
            Path file = tmp.resolve("full.zstream");
            Sh.bash("(zfs send " + src + "@s1 || true) | head -c 1048576 > '" + file + "'");
            try (InputStream cut = new FileInputStream(file.toFile())) {
                assertThatThrownBy(() -> r.receive(step(src, src + "@s1"), cut)).isNotNull();
            }
            EndpointFilesystem partial = r.listFilesystems().stream().filter(f -> f.path().equals(src)).findFirst()
                    .orElseThrow();
            assertThat(partial.resumeToken()).isPresent();

            // resume: zfs send -t <token> straight into the receiver, which keeps the partial state (-s, no -A)
            r.receive(step(src, src + "@s1"), zfs.send(SendRequest.resume(partial.resumeToken().get())));
            assertThat(value(target, "receive_resume_token")).isEqualTo("-");
            assertThat(sha256Tree(mnt)).isEqualTo(sha256Tree(pool.mountpoint("src/r")));
            assertThat(holdTags(target + "@s1")).containsExactly(TAG);

            // an interrupted incremental whose token the sender does not use: clearResumeToken aborts it first
            ReceiverFixture.writeRandom(pool.mountpoint("src/r").resolve("b.bin"), 2048 * 1024, 6);
            pool.zfs("snapshot", src + "@s2");
            Path inc = tmp.resolve("inc.zstream");
            Sh.bash("(zfs send -i @s1 " + src + "@s2 || true) | head -c 524288 > '" + inc + "'");
            try (InputStream cut = new FileInputStream(inc.toFile())) {
                assertThatThrownBy(() -> r.receive(step(src, src + "@s2"), cut)).isNotNull();
            }
            assertThat(value(target, "receive_resume_token")).isNotEqualTo("-");
            r.receive(new ReceiveStep(src, version(src + "@s2"), true, ReceiverFixture.RESUMABLE),
                    zfs.send(SendRequest.incremental("@s1", src + "@s2")));
            assertThat(value(target, "receive_resume_token")).isEqualTo("-");
            assertThat(sha256Tree(mnt)).isEqualTo(sha256Tree(pool.mountpoint("src/r")));
            assertThat(holdTags(target + "@s2")).containsExactly(TAG);
            assertThat(holdTags(target + "@s1")).isEmpty();
        }
    }

    @Test
    void confinementRefusalsChangeNothingOnDisk(TestPool pool) throws Exception {
        String src = source(pool, "src/a", 64, "s1", 7);
        pool.zfs("create", "-p", pool.ds("sink/c2/victim"));
        pool.zfs("snapshot", pool.ds("sink/c2/victim") + "@keep");
        try (Zfs zfs = Zfs.withDefaults()) {
            LocalReceiver c1 = receiver(zfs, pool.ds("sink"), "c1", PlaceholderEncryption.INHERIT, null);
            List<String> before = pool.listAll();
            FilesystemVersion s1 = version(src + "@s1");
            for (String bad : List.of("../c2/victim", "/" + pool.ds("sink/c2/victim"), "..", "", "a//b",
                    pool.name() + "/src/a@s1", pool.name() + "#x", pool.name() + "/./a", "a/")) {
                ZfsSendStream stream = zfs.send(SendRequest.full(src + "@s1"));
                assertThatThrownBy(() -> c1.receive(new ReceiveStep(bad, s1, false, ReceiverFixture.RESUMABLE),
                        stream)).as(bad).isInstanceOf(ReceiverConfinementException.class);
                assertThatThrownBy(() -> c1.destroySnapshots(bad, List.of(version(pool.ds("sink/c2/victim")
                        + "@keep")))).as(bad).isInstanceOf(ReceiverConfinementException.class);
                assertThatThrownBy(() -> c1.listVersions(List.of(bad))).isInstanceOf(
                        ReceiverConfinementException.class);
            }
            assertThat(pool.listAll()).isEqualTo(before);
            // client 1 does not see client 2's filesystems, and nothing outside its root
            assertThat(c1.listFilesystems()).isEmpty();
            assertThat(receiver(zfs, pool.ds("sink"), "c2", PlaceholderEncryption.INHERIT, null).listFilesystems())
                    .extracting(EndpointFilesystem::path).containsExactly("victim");
            Path saved = tmp.resolve("s1.zstream");
            Sh.bash("zfs send " + src + "@s1 > '" + saved + "'");
            try (InputStream in = new FileInputStream(saved.toFile())) {
                assertThat(c1.receive(step(src, src + "@s1"), in)).as("bytes through the JVM are counted")
                        .isEqualTo(Files.size(saved));
            }
            assertThat(pool.listAll()).contains(pool.ds("sink/c1") + "/" + src + "@s1", pool.ds("sink/c2/victim@keep"));
        }
    }
}
