package io.zreplcamel.platformtest.replication;

import static io.zreplcamel.platformtest.replication.ReceiverFixture.receiver;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.source;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.step;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.value;
import static io.zreplcamel.platformtest.replication.ReceiverFixture.valueAndSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.processors.endpoint.local.LocalReceiver;
import io.zreplcamel.zfs.SendRequest;
import io.zreplcamel.zfs.Zfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recv.placeholder.encryption} on real ZFS, with the sink's root_fs encrypted (passphrase from a key file)
 * and, for {@code off}, unencrypted: what each mode creates, what ZFS refuses, and the forced receive ZFS refuses
 * over an encrypted placeholder.
 */
@PlatformTest
class ReceiverEncryptionPlatformTest {

    @TempDir
    Path tmp;

    private String encryptedRoot(TestPool pool) throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, "correct horse battery staple\n");
        String enc = pool.ds("enc");
        pool.zfs("create", "-o", "encryption=on", "-o", "keyformat=passphrase", "-o", "keylocation=file://" + key,
                enc);
        return enc;
    }

    @Test
    void eachPlaceholderEncryptionModeBelowAnEncryptedRootFs(TestPool pool) throws Exception {
        String enc = encryptedRoot(pool);
        String a = source(pool, "src/a", 64, "s1", 21);
        try (Zfs zfs = Zfs.withDefaults()) {
            // unspecified: the per-client dataset is made (inherit), the placeholders below it are refused
            LocalReceiver unspecified = receiver(zfs, enc, "c0", PlaceholderEncryption.UNSPECIFIED, null);
            assertThatThrownBy(() -> unspecified.receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1"))))
                    .hasMessageContaining("encryption handling is unspecified")
                    .hasMessageContaining(enc + "/c0/" + pool.name());
            assertThat(pool.listAll()).contains(enc + "/c0").noneMatch(n -> n.startsWith(enc + "/c0/"));
            assertThat(valueAndSource(enc + "/c0", "zrepl:placeholder")).isEqualTo("on\tlocal");
            assertThat(value(enc + "/c0", "encryptionroot")).isEqualTo(enc);

            // inherit: placeholders and the received filesystem are encrypted under root_fs's key
            LocalReceiver inherit = receiver(zfs, enc, "c1", PlaceholderEncryption.INHERIT, null);
            inherit.receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1")));
            for (String ds : List.of(enc + "/c1", enc + "/c1/" + pool.name(), enc + "/c1/" + pool.name() + "/src",
                    enc + "/c1/" + a)) {
                assertThat(value(ds, "encryption")).as(ds).isNotEqualTo("off");
                assertThat(value(ds, "encryptionroot")).as(ds).isEqualTo(enc);
            }

            // off: unencrypted placeholders below the encrypted root_fs (OpenZFS >= 0.8.2 allows unencrypted
            // children); the per-client dataset still inherits, and what is received below them is unencrypted
            LocalReceiver off = receiver(zfs, enc, "c2", PlaceholderEncryption.OFF, null);
            off.receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1")));
            assertThat(value(enc + "/c2", "encryptionroot")).isEqualTo(enc);
            for (String ds : List.of(enc + "/c2/" + pool.name(), enc + "/c2/" + pool.name() + "/src",
                    enc + "/c2/" + a)) {
                assertThat(value(ds, "encryption")).as(ds).isEqualTo("off");
            }
            assertThat(valueAndSource(enc + "/c2/" + pool.name(), "zrepl:placeholder")).isEqualTo("on\tlocal");
        }
    }

    @Test
    void offBelowAnUnencryptedRootFsAndTheRefusedForcedReceiveOverAnEncryptedPlaceholder(TestPool pool)
            throws Exception {
        String a = source(pool, "src/a", 64, "s1", 22);
        String b = source(pool, "src/a/b", 64, "s1", 23);
        pool.zfs("create", pool.ds("plain"));
        try (Zfs zfs = Zfs.withDefaults()) {
            LocalReceiver off = receiver(zfs, pool.ds("plain"), "c1", PlaceholderEncryption.OFF, null);
            off.receive(step(b, b + "@s1"), zfs.send(SendRequest.full(b + "@s1")));
            String root = pool.ds("plain/c1");
            for (String ds : List.of(root + "/" + pool.name(), root + "/" + pool.name() + "/src", root + "/" + a)) {
                // zfs shows encryption=off with source "default" even when it was given at create
                assertThat(value(ds, "encryption")).as(ds).isEqualTo("off");
                assertThat(valueAndSource(ds, "zrepl:placeholder")).as(ds).isEqualTo("on\tlocal");
            }
            // and the placeholder a is replaced by a's plain stream (unencrypted over unencrypted)
            off.receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1")));
            assertThat(valueAndSource(root + "/" + a, "zrepl:placeholder")).isEqualTo("off\tlocal");
            assertThat(pool.listAll()).contains(root + "/" + a + "@s1", root + "/" + b + "@s1");

            // an encrypted placeholder cannot be replaced by a plain stream: ZFS refuses -F, the placeholder stays
            String enc = encryptedRoot(pool);
            LocalReceiver inherit = receiver(zfs, enc, "c1", PlaceholderEncryption.INHERIT, null);
            inherit.receive(step(b, b + "@s1"), zfs.send(SendRequest.full(b + "@s1")));
            assertThatThrownBy(() -> inherit.receive(step(a, a + "@s1"), zfs.send(SendRequest.full(a + "@s1"))))
                    .hasMessageContaining("cannot replace placeholder " + enc + "/c1/" + a);
            assertThat(valueAndSource(enc + "/c1/" + a, "zrepl:placeholder")).as("restored").isEqualTo("on\tlocal");
            assertThat(pool.listAll()).doesNotContain(enc + "/c1/" + a + "@s1").contains(enc + "/c1/" + b + "@s1");
        }
    }
}
