package io.zreplcamel.processors.endpoint.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.bandwidth.BandwidthLimiter;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.zfs.Zfs;
import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control flow and argv of the local sender against a scripted {@code zfs} (what ZFS does with them is the
 * platform tests' job): one process per bulk listing, the filter and policy checks before anything runs.
 */
@Timeout(60)
class LocalSenderTest {

    @TempDir
    Path dir;

    private Path log;

    /** A zfs answering version, get and list from canned output, logging every argv. */
    private Zfs zfs(String listOutput) throws IOException {
        log = dir.resolve("argv.log");
        Path script = Files.createTempDirectory(dir, "fake").resolve("zfs");
        Files.writeString(script, "#!/bin/bash\nprintf '%s\\x1f' \"$@\" >> '" + log + "'; echo >> '" + log + "'\n"
                + "case \"$1\" in\n"
                + "  version) echo zfs-2.2.4-1; echo zfs-kmod-2.2.4-1 ;;\n"
                + "  get) printf 'p/a\\tzrepl:placeholder\\ton\\tlocal\\np/a\\tsnapshots_changed\\t1700000000\\t-\\n"
                + "p/a/b\\tzrepl:placeholder\\ton\\tinherited from p/a\\np/a/b\\tsnapshots_changed\\t-\\t-\\n"
                + "q/x\\tzrepl:placeholder\\t-\\t-\\nq/x\\tsnapshots_changed\\t-\\t-\\n' ;;\n"
                + "  list) printf '" + listOutput + "' ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Zfs(RunnerSettings.defaults().withZfsBinary(script.toString()));
    }

    private List<List<String>> calls() throws IOException {
        List<List<String>> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                out.add(List.of(line.split("\u001f")));
            }
        }
        return out;
    }

    private static LocalSender sender(Zfs zfs, SendOptions opts) {
        return new LocalSender(() -> zfs, "push", FilesystemFilter.of(Map.of("p<", true)), opts,
                BandwidthLimiter.unlimited());
    }

    @Test
    void listFilesystemsIsOneGetFilteredAndPlaceholderOnlyWhenLocal() throws Exception {
        Zfs zfs = zfs("");
        zfs.version();
        long before = zfs.runner().counter().total();
        List<EndpointFilesystem> fss = sender(zfs, SendOptions.DEFAULTS).listFilesystems();
        assertThat(zfs.runner().counter().total() - before).isEqualTo(1);
        assertThat(fss).extracting(EndpointFilesystem::path).containsExactly("p/a", "p/a/b");
        assertThat(fss.get(0).placeholder()).isTrue();
        assertThat(fss.get(0).snapshotsChanged()).hasValue(1_700_000_000L);
        assertThat(fss.get(1).placeholder()).as("inherited value: a real child").isFalse();
        assertThat(fss.get(1).snapshotsChanged()).isEmpty();
        assertThat(calls().get(calls().size() - 1)).containsExactly("get", "-H", "-p", "-o",
                "name,property,value,source", "-t", "filesystem,volume", "--", "zrepl:placeholder,snapshots_changed");
    }

    @Test
    void legacyPlaceholderValueIsTheHashOfThePath() {
        String hash = LocalSender.legacyPlaceholderValue("p/a");
        assertThat(hash).hasSize(64);
        assertThat(LocalSender.isPlaceholder("p/a", new PropertyValue("p/a", "zrepl:placeholder", hash,
                PropertySource.LOCAL))).isTrue();
        assertThat(LocalSender.isPlaceholder("p/b", new PropertyValue("p/b", "zrepl:placeholder", hash,
                PropertySource.LOCAL))).isFalse();
        assertThat(LocalSender.isPlaceholder("p/a", new PropertyValue("p/a", "zrepl:placeholder", "off",
                PropertySource.LOCAL))).isFalse();
    }

    @Test
    void listVersionsIsOneListWithoutUserrefsOldestFirst() throws Exception {
        Zfs zfs = zfs("p/a@s2\\tsnapshot\\t22\\t9\\t100\\np/a#b1\\tbookmark\\t11\\t5\\t90\\n"
                + "p/a@s1\\tsnapshot\\t11\\t5\\t90\\np/c@x\\tsnapshot\\t33\\t4\\t80\\n");
        Map<String, List<FilesystemVersion>> v = sender(zfs, SendOptions.DEFAULTS).listVersions(
                List.of("p/a", "p/c", "p/empty"));
        assertThat(calls()).containsExactly(List.of("list", "-H", "-p", "-o", "name,type,guid,createtxg,creation",
                "-t", "snapshot,bookmark", "-d", "1", "-s", "createtxg", "--", "p/a", "p/c", "p/empty"));
        assertThat(v.get("p/a")).extracting(FilesystemVersion::relativeName).containsExactly("#b1", "@s1", "@s2");
        assertThat(v.get("p/c")).hasSize(1);
        assertThat(v.get("p/empty")).isEmpty();
    }

    @Test
    void versionsOfAFilesystemWhoseSnapshotsDidNotChangeAreNotListedAgain() throws Exception {
        Zfs zfs = zfs("p/a@s1\\tsnapshot\\t11\\t5\\t90\\np/a#zrepl_CURSOR_G_000000000000000b_J_push\\tbookmark"
                + "\\t11\\t5\\t90\\n");
        LocalSender sender = sender(zfs, SendOptions.DEFAULTS);
        sender.listFilesystems(); // p/a: snapshots_changed 1700000000, long before now; p/a/b: not set
        sender.listVersions(List.of("p/a", "p/a/b"));
        int lists = countVerb("list");
        sender.listFilesystems();
        Map<String, List<FilesystemVersion>> again = sender.listVersions(List.of("p/a"));
        assertThat(countVerb("list")).as("p/a unchanged since it was listed").isEqualTo(lists);
        assertThat(again.get("p/a")).extracting(FilesystemVersion::relativeName)
                .containsExactly("#zrepl_CURSOR_G_000000000000000b_J_push", "@s1");
        assertThat(sender.replicationCursors(List.of("p/a")).get("p/a")).map(FilesystemVersion::guid).hasValue(11L);
        assertThat(countVerb("list")).as("cursors come from the same versions").isEqualTo(lists);

        sender.listVersions(List.of("p/a/b"));
        assertThat(countVerb("list")).as("no snapshots_changed: always listed").isEqualTo(lists + 1);

        // this scripted zfs cannot destroy (no usage text): even a failed destroy may have destroyed some
        assertThatThrownBy(() -> sender.destroySnapshots("p/a",
                List.of(FilesystemVersion.snapshot("s1", 11, 5, Instant.EPOCH))));
        sender.listFilesystems();
        sender.listVersions(List.of("p/a"));
        assertThat(countVerb("list")).as("after a destroy through the sender").isEqualTo(lists + 2);
    }

    private int countVerb(String verb) throws IOException {
        return (int) calls().stream().filter(c -> c.get(0).equals(verb)).count();
    }

    @Test
    void filesystemsOutsideTheFilterAreRefusedBeforeAnyProcess() throws Exception {
        Zfs zfs = zfs("");
        LocalSender s = sender(zfs, SendOptions.DEFAULTS);
        assertThatThrownBy(() -> s.listVersions(List.of("q/x"))).isInstanceOf(SenderException.class)
                .hasMessageContaining("endpoint does not allow access to filesystem q/x");
        FilesystemVersion to = FilesystemVersion.snapshot("s", 1, 1, Instant.EPOCH);
        assertThatThrownBy(() -> s.send(new StepRequest("q/x", Optional.empty(), to, Optional.empty(), false,
                new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY, GuaranteeKind.GUARANTEE_RESUMABILITY))))
                .hasMessageContaining("q/x");
        assertThat(calls()).isEmpty();
    }

    @Test
    void encryptedPolicyRefusesAnUnencryptedDatasetBeforeTouchingIt() throws Exception {
        Zfs zfs = zfs("p/a\\tfilesystem\\t1\\t1\\t1\\t-\\toff\\np/a@s\\tsnapshot\\t7\\t3\\t1\\t0\\toff\\n");
        SendOptions encrypted = new SendOptions(true, false, false, false, false, false, false, false,
                BandwidthLimit.UNLIMITED);
        StepRequest step = new StepRequest("p/a", Optional.empty(), FilesystemVersion.snapshot("s", 7, 3,
                Instant.EPOCH), Optional.empty(), false, new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
                GuaranteeKind.GUARANTEE_RESUMABILITY));
        assertThatThrownBy(() -> sender(zfs, encrypted).send(step))
                .hasMessage("encrypted send mandated by policy, but filesystem p/a is not encrypted "
                        + "(set send.encrypted: false or send an encrypted dataset)");
        // only the listing ran: no hold, no send
        assertThat(calls()).extracting(c -> c.get(0)).containsExactly("list");
    }

    @Test
    void incrementalWithIntermediatesEstimatesWithCapitalIAndRawWhenEncrypted() throws Exception {
        Zfs zfs = zfs("p/a\\tfilesystem\\t1\\t1\\t1\\t-\\taes-256-gcm\\np/a@s\\tsnapshot\\t7\\t3\\t1\\t0\\t-\\n"
                + "p/a@t\\tsnapshot\\t8\\t4\\t1\\t0\\t-\\n");
        SendOptions encrypted = new SendOptions(true, false, true, false, true, true, true, false,
                BandwidthLimit.UNLIMITED);
        StepRequest step = new StepRequest("p/a", Optional.of(FilesystemVersion.snapshot("s", 7, 3, Instant.EPOCH)),
                FilesystemVersion.snapshot("t", 8, 4, Instant.EPOCH), Optional.empty(), true,
                new Protection(GuaranteeKind.GUARANTEE_NOTHING, GuaranteeKind.GUARANTEE_NOTHING));
        try {
            sender(zfs, encrypted).estimateSize(step);
        } catch (RuntimeException expectedParseFailureOfTheCannedOutput) {
            // the fake prints a listing, not a dry run: only the argv matters here
        }
        assertThat(calls().get(calls().size() - 1)).containsExactly("send", "-n", "-P", "-w", "-p", "-L", "-c",
                "-e", "-I", "p/a@s", "--", "p/a@t");
    }

    /** A resume token zfs really printed in the guest (a full stream of {@code ...-263-5/data@a}, not raw). */
    private static String realToken() throws IOException {
        return Files.readAllLines(Path.of("../zfs-component/src/test/resources/fixtures/guest/token-full.txt"))
                .get(0).strip();
    }

    @Test
    void resumeTokenMustMatchTheStepAndThePolicy() throws Exception {
        String token = realToken();
        io.zreplcamel.zfs.token.ResumeToken t = io.zreplcamel.zfs.token.ResumeTokenDecoder.decode(token);
        String fs = t.toFilesystem();
        String listing = fs + "\\tfilesystem\\t1\\t1\\t1\\t-\\toff\\n" + fs + "@a\\tsnapshot\\t"
                + Long.toUnsignedString(t.toguid()) + "\\t3\\t1\\t0\\toff\\n" + fs + "@b\\tsnapshot\\t5\\t4\\t1\\t0\\toff\\n";
        Zfs zfs = zfs(listing);
        Protection p = new Protection(GuaranteeKind.GUARANTEE_NOTHING, GuaranteeKind.GUARANTEE_NOTHING);
        LocalSender plain = new LocalSender(() -> zfs, "push", FilesystemFilter.acceptAll(), SendOptions.DEFAULTS,
                BandwidthLimiter.unlimited());
        FilesystemVersion a = FilesystemVersion.snapshot("a", t.toguid(), 3, Instant.EPOCH);
        FilesystemVersion b = FilesystemVersion.snapshot("b", 5, 4, Instant.EPOCH);
        // the token is a full stream of @a: an incremental request or another `to` does not match
        assertThatThrownBy(() -> plain.estimateSize(new StepRequest(fs, Optional.of(a), b, Optional.of(token),
                false, p))).hasMessageContaining("resume token is full but the request is incremental");
        assertThatThrownBy(() -> plain.estimateSize(new StepRequest(fs, Optional.empty(), b, Optional.of(token),
                false, p))).hasMessageContaining("does not match `to` " + fs + "@b");
        // the same token for another filesystem
        Zfs other = zfs("p/z\\tfilesystem\\t1\\t1\\t1\\t-\\toff\\np/z@a\\tsnapshot\\t"
                + Long.toUnsignedString(t.toguid()) + "\\t3\\t1\\t0\\toff\\n");
        assertThatThrownBy(() -> new LocalSender(() -> other, "push", FilesystemFilter.acceptAll(),
                SendOptions.DEFAULTS, BandwidthLimiter.unlimited()).estimateSize(new StepRequest("p/z",
                Optional.empty(), a, Optional.of(token), false, p))).hasMessageContaining("p/z")
                .hasMessageContaining("resume token filesystem " + fs);
        // a matching token resumes with -t only
        try {
            plain.estimateSize(new StepRequest(fs, Optional.empty(), a, Optional.of(token), false, p));
        } catch (RuntimeException cannedOutputIsNoDryRun) {
            // only the argv matters
        }
        List<List<String>> calls = calls();
        assertThat(calls.get(calls.size() - 1)).containsExactly("send", "-n", "-P", "-t", token);
    }
}
