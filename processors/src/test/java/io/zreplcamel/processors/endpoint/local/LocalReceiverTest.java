package io.zreplcamel.processors.endpoint.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.zfs.Zfs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The receiver's control flow against a scripted zfs: which commands, in which order, and what it refuses. */
@Timeout(60)
class LocalReceiverTest {

    static final Protection RESUMABLE = new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_RESUMABILITY);
    static final Protection NOTHING = new Protection(GuaranteeKind.GUARANTEE_NOTHING,
            GuaranteeKind.GUARANTEE_NOTHING);
    static final String TAG = "zrepl_last_received_J_sink";

    @TempDir
    Path dir;
    ScriptedZfs zfs;

    @BeforeEach
    void setUp() throws Exception {
        zfs = new ScriptedZfs(dir).exists("p", false).exists("p/sink", false);
    }

    private LocalReceiver receiver(Zfs z, PlaceholderEncryption mode) {
        Map<String, String> override = new LinkedHashMap<>();
        override.put("canmount", "off");
        return new LocalReceiver(() -> z, "sink", "p/sink", Optional.of("c1"),
                new RecvOptions(List.of("mountpoint"), override, BandwidthLimit.UNLIMITED, mode),
                UnaryOperator.identity());
    }

    private static ReceiveStep step(String fs, String to, long guid, Protection p) {
        return new ReceiveStep(fs, FilesystemVersion.snapshot(to, guid, 10, Instant.EPOCH), false, p);
    }

    private static final class Tracked extends ByteArrayInputStream {
        final AtomicBoolean closed = new AtomicBoolean();

        Tracked() {
            super(new byte[64]);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void firstReceiveCreatesTheClientRootAndParentsAsPlaceholdersThenHolds() throws Exception {
        zfs.snapshot("p/sink/c1/pool/a", "s1", 42, 10, 0);
        Zfs z = zfs.zfs("");
        long bytes = receiver(z, PlaceholderEncryption.OFF).receive(step("pool/a", "s1", 42, RESUMABLE),
                new ByteArrayInputStream(new byte[100]));
        assertThat(bytes).isEqualTo(100);
        List<List<String>> calls = zfs.calls();
        assertThat(calls).contains(
                // the per-client dataset always inherits encryption; the others follow the config
                List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", "--", "p/sink/c1"),
                List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", "-o", "encryption=off",
                        "--", "p/sink/c1/pool"),
                List.of("receive", "-s", "-o", "canmount=off", "-x", "mountpoint", "--", "p/sink/c1/pool/a"),
                List.of("hold", "--", TAG, "p/sink/c1/pool/a@s1"));
        assertThat(calls.indexOf(List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", "--",
                "p/sink/c1"))).isLessThan(calls.indexOf(List.of("create", "-o", "zrepl:placeholder=on", "-o",
                "mountpoint=none", "-o", "encryption=off", "--", "p/sink/c1/pool")));
        assertThat(zfs.verbs()).doesNotContain("release", "destroy", "rollback", "set");
    }

    @Test
    void unspecifiedPlaceholderEncryptionRefusesToCreateParentsBelowTheClientRoot() throws Exception {
        Zfs z = zfs.zfs("");
        Tracked stream = new Tracked();
        assertThatThrownBy(() -> receiver(z, PlaceholderEncryption.UNSPECIFIED)
                .receive(step("pool/a", "s1", 42, RESUMABLE), stream))
                .hasMessageContaining("placeholder filesystem encryption handling is unspecified")
                .hasMessageContaining("p/sink/c1/pool").hasMessageContaining("recv.placeholder.encryption");
        assertThat(stream.closed).isTrue();
        assertThat(zfs.calls()).contains(List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none",
                "--", "p/sink/c1"));
        assertThat(zfs.calls()).noneMatch(c -> c.contains("p/sink/c1/pool") && c.get(0).equals("create"));
        assertThat(zfs.verbs()).doesNotContain("receive");
    }

    @Test
    void aMissingRootFsIsAnErrorAndNothingIsCreated() throws Exception {
        ScriptedZfs bare = new ScriptedZfs(dir.resolve("bare").toFile().mkdirs() ? dir.resolve("bare") : null)
                .exists("p", false);
        Zfs z = bare.zfs("");
        assertThatThrownBy(() -> receiver(z, PlaceholderEncryption.INHERIT)
                .receive(step("pool/a", "s1", 42, RESUMABLE), new ByteArrayInputStream(new byte[1])))
                .hasMessageContaining("root_fs p/sink does not exist");
        assertThat(bare.verbs()).doesNotContain("create", "receive");
        assertThatThrownBy(() -> receiver(z, PlaceholderEncryption.INHERIT).listFilesystems())
                .hasMessageContaining("root_fs p/sink does not exist");
    }

    @Test
    void aPlaceholderWithoutSnapshotsIsReplacedByAForcedReceive() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", true).snapshot("p/sink/c1/pool", "s1", 7, 10, 0);
        // the listing before the receive shows no snapshot: only the one after it does
        Zfs z = zfs.zfs("""
                if [ "$1" = list ] && ! grep -q '^receive' '%s'; then exit 0; fi
                """.formatted(zfs.log));
        receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, RESUMABLE),
                new ByteArrayInputStream(new byte[10]));
        List<List<String>> calls = zfs.calls();
        int set = calls.indexOf(List.of("set", "zrepl:placeholder=off", "p/sink/c1/pool"));
        int recv = calls.indexOf(List.of("receive", "-s", "-F", "-o", "canmount=off", "-x", "mountpoint", "--",
                "p/sink/c1/pool"));
        assertThat(set).isNotNegative().isLessThan(recv);
        assertThat(zfs.verbs()).doesNotContain("create", "rollback", "destroy");
    }

    @Test
    void replacingAPlaceholderIsAnInitialReceiveForTheGuaranteeMode() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", true).snapshot("p/sink/c1/pool", "s1", 7, 10, 0);
        Zfs z = zfs.zfs("""
                if [ "$1" = list ] && ! grep -q '^receive' '%s'; then exit 0; fi
                """.formatted(zfs.log));
        Protection nothingInitially = new Protection(GuaranteeKind.GUARANTEE_NOTHING,
                GuaranteeKind.GUARANTEE_RESUMABILITY);
        receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, nothingInitially),
                new ByteArrayInputStream(new byte[10]));
        assertThat(zfs.verbs()).as("initial: guarantee_nothing sets no hold").contains("receive")
                .doesNotContain("hold");
    }

    @Test
    void aPlaceholderWithSnapshotsIsNotForced() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", true).snapshot("p/sink/c1/pool", "old", 5, 3, 0);
        Zfs z = zfs.zfs("");
        Tracked stream = new Tracked();
        assertThatThrownBy(() -> receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, RESUMABLE),
                stream)).hasMessageContaining("refusing a forced receive into placeholder p/sink/c1/pool")
                .hasMessageContaining("old");
        assertThat(stream.closed).isTrue();
        assertThat(zfs.verbs()).doesNotContain("receive", "set", "rollback", "destroy");
    }

    @Test
    void aRealFilesystemIsNeverForced() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false).snapshot("p/sink/c1/pool", "s1", 7, 10, 0);
        Zfs z = zfs.zfs("");
        receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, RESUMABLE),
                new ByteArrayInputStream(new byte[10]));
        assertThat(zfs.calls()).contains(List.of("receive", "-s", "-o", "canmount=off", "-x", "mountpoint", "--",
                "p/sink/c1/pool"));
        assertThat(zfs.calls()).noneMatch(c -> c.contains("-F") || c.get(0).equals("set"));
    }

    @Test
    void aGuidMismatchAfterTheReceiveIsAnErrorAndSetsNoHold() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false).snapshot("p/sink/c1/pool", "s1", 8, 10, 0);
        Zfs z = zfs.zfs("");
        assertThatThrownBy(() -> receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, RESUMABLE),
                new ByteArrayInputStream(new byte[10]))).hasMessageContaining("does not match");
        assertThat(zfs.verbs()).doesNotContain("hold", "destroy");
    }

    @Test
    void theLastReceivedHoldMovesAndOtherJobsHoldsStay() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false)
                .snapshot("p/sink/c1/pool", "s0", 6, 5, 2).snapshot("p/sink/c1/pool", "s1", 7, 10, 0)
                .hold("p/sink/c1/pool@s0", TAG).hold("p/sink/c1/pool@s0", "zrepl_last_received_J_other");
        Zfs z = zfs.zfs("");
        receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, RESUMABLE),
                new ByteArrayInputStream(new byte[10]));
        assertThat(zfs.calls()).contains(List.of("hold", "--", TAG, "p/sink/c1/pool@s1"),
                List.of("holds", "-H", "-p", "--", "p/sink/c1/pool@s0"),
                List.of("release", "--", TAG, "p/sink/c1/pool@s0"));
        assertThat(zfs.calls()).noneMatch(c -> c.contains("zrepl_last_received_J_other") && c.get(0).equals(
                "release"));
    }

    @Test
    void guaranteeNothingReleasesAndSetsNoHold() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false)
                .snapshot("p/sink/c1/pool", "s0", 6, 5, 1).snapshot("p/sink/c1/pool", "s1", 7, 10, 0)
                .hold("p/sink/c1/pool@s0", TAG);
        Zfs z = zfs.zfs("");
        receiver(z, PlaceholderEncryption.INHERIT).receive(step("pool", "s1", 7, NOTHING),
                new ByteArrayInputStream(new byte[10]));
        assertThat(zfs.verbs()).doesNotContain("hold");
        assertThat(zfs.calls()).contains(List.of("release", "--", TAG, "p/sink/c1/pool@s0"));
    }

    @Test
    void clearResumeTokenAbortsPartialStateFirst() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false).snapshot("p/sink/c1/pool", "s1", 7, 10, 0);
        Zfs z = zfs.zfs("""
                if [ "$1" = get ] && [ "$last" = p/sink/c1/pool ]; then
                  printf 'p/sink/c1/pool\\tzrepl:placeholder\\t-\\t-\\np/sink/c1/pool\\treceive_resume_token\\t1-ab-10-789c\\t-\\n'
                  exit 0
                fi
                """);
        receiver(z, PlaceholderEncryption.INHERIT).receive(new ReceiveStep("pool",
                FilesystemVersion.snapshot("s1", 7, 10, Instant.EPOCH), true, RESUMABLE),
                new ByteArrayInputStream(new byte[10]));
        List<List<String>> calls = zfs.calls();
        assertThat(calls.indexOf(List.of("receive", "-A", "--", "p/sink/c1/pool"))).isNotNegative()
                .isLessThan(calls.indexOf(List.of("receive", "-s", "-o", "canmount=off", "-x", "mountpoint", "--",
                        "p/sink/c1/pool")));
    }

    @Test
    void confinementRefusalsRunNothingAndCloseTheStream() throws Exception {
        Zfs z = zfs.zfs("");
        LocalReceiver r = receiver(z, PlaceholderEncryption.INHERIT);
        for (String bad : List.of("../c2/pool", "/p/sink/c2", "pool@x", "pool#x", "", "pool//a", "pool/..")) {
            Tracked stream = new Tracked();
            assertThatThrownBy(() -> r.receive(step(bad, "s1", 1, RESUMABLE), stream))
                    .isInstanceOf(ReceiverConfinementException.class);
            assertThat(stream.closed).isTrue();
            assertThatThrownBy(() -> r.destroySnapshots(bad, List.of(FilesystemVersion.snapshot("s", 1, 1,
                    Instant.EPOCH)))).isInstanceOf(ReceiverConfinementException.class);
            assertThatThrownBy(() -> r.listVersions(List.of(bad))).isInstanceOf(ReceiverConfinementException.class);
        }
        assertThat(zfs.calls()).isEmpty();
    }

    @Test
    void destroySnapshotsIsOneBatchBelowTheRootAndNeverTouchesBookmarks() throws Exception {
        Zfs z = zfs.zfs("");
        DestroyOutcome out = receiver(z, PlaceholderEncryption.INHERIT).destroySnapshots("pool/a", List.of(
                FilesystemVersion.snapshot("a", 1, 1, Instant.EPOCH),
                FilesystemVersion.bookmark("bm", 1, 1, Instant.EPOCH),
                FilesystemVersion.snapshot("b", 2, 2, Instant.EPOCH)));
        assertThat(out.destroyed()).containsExactlyInAnyOrder("a", "b");
        assertThat(out.failed()).containsOnlyKeys("bm");
        assertThat(zfs.calls()).containsExactly(List.of("destroy", "--", "p/sink/c1/pool/a@a,b"));
    }

    @Test
    void listFilesystemsIsOneGetBelowTheClientRootWithLocalPlaceholdersOnly() throws Exception {
        Zfs z = zfs.zfs("""
                if [ "$1" = get ]; then
                  for ds in p/sink/c1 p/sink/c1/pool p/sink/c1/pool/a p/sink/c1/pool/b; do
                    case $ds in
                      p/sink/c1|p/sink/c1/pool) printf '%s\\tzrepl:placeholder\\ton\\tlocal\\n' $ds ;;
                      *) printf '%s\\tzrepl:placeholder\\ton\\tinherited from p/sink/c1/pool\\n' $ds ;;
                    esac
                    tok=-; [ $ds = p/sink/c1/pool/b ] && tok=1-ab-10-789c
                    printf '%s\\treceive_resume_token\\t%s\\t-\\n' $ds $tok
                    printf '%s\\tsnapshots_changed\\t1700000123\\t-\\n' $ds
                  done
                  exit 0
                fi
                """);
        List<EndpointFilesystem> fss = receiver(z, PlaceholderEncryption.INHERIT).listFilesystems();
        assertThat(fss).containsExactly(
                new EndpointFilesystem("pool", true, Optional.empty(), OptionalLong.of(1700000123)),
                new EndpointFilesystem("pool/a", false, Optional.empty(), OptionalLong.of(1700000123)),
                new EndpointFilesystem("pool/b", false, Optional.of("1-ab-10-789c"), OptionalLong.of(1700000123)));
        assertThat(zfs.calls()).containsExactly(List.of("get", "-H", "-p", "-o", "name,property,value,source", "-r",
                "-t", "filesystem,volume", "--", "zrepl:placeholder,receive_resume_token,snapshots_changed",
                "p/sink/c1"));
    }

    @Test
    void listVersionsIsOneListingForAllFilesystemsOldestFirst() throws Exception {
        Zfs z = zfs.zfs("""
                if [ "$1" = list ]; then
                  printf 'p/sink/c1/pool/a@s2\\tsnapshot\\t2\\t20\\t1700000002\\t0\\n'
                  printf 'p/sink/c1/pool/a@s1\\tsnapshot\\t1\\t10\\t1700000001\\t1\\n'
                  printf 'p/sink/c1/pool/a#s1\\tbookmark\\t1\\t10\\t1700000001\\t-\\n'
                  printf 'p/sink/c1/pool/other@x\\tsnapshot\\t9\\t5\\t1700000001\\t0\\n'
                  exit 0
                fi
                """);
        Map<String, List<FilesystemVersion>> v = receiver(z, PlaceholderEncryption.INHERIT)
                .listVersions(List.of("pool/a", "pool/missing"));
        assertThat(v).containsOnlyKeys("pool/a", "pool/missing");
        assertThat(v.get("pool/a")).extracting(FilesystemVersion::relativeName).containsExactly("#s1", "@s1", "@s2");
        assertThat(v.get("pool/missing")).isEmpty();
        assertThat(zfs.calls()).hasSize(1);
    }

    @Test
    void aBandwidthLimitedStreamIsCountedAndAnUnlimitedOneIsPassedThrough() throws Exception {
        zfs.exists("p/sink/c1", true).exists("p/sink/c1/pool", false).snapshot("p/sink/c1/pool", "s1", 7, 10, 0);
        Zfs z = zfs.zfs("");
        AtomicBoolean limited = new AtomicBoolean();
        UnaryOperator<InputStream> limiter = in -> {
            limited.set(true);
            return new java.io.BufferedInputStream(in);
        };
        LocalReceiver r = new LocalReceiver(() -> z, "sink", "p/sink", Optional.of("c1"), RecvOptions.DEFAULTS,
                limiter);
        assertThat(r.receive(step("pool", "s1", 7, RESUMABLE), new ByteArrayInputStream(new byte[33])))
                .isEqualTo(33);
        assertThat(limited).isTrue();
    }
    @Test
    void versionsOfAReceivedFilesystemWhoseSnapshotsDidNotChangeAreNotListedAgain() throws Exception {
        Zfs z = zfs.zfs("""
                if [ "$1" = get ]; then
                  for ds in p/sink/c1 p/sink/c1/x; do
                    printf '%s\\tzrepl:placeholder\\t-\\t-\\n%s\\treceive_resume_token\\t-\\t-\\n' "$ds" "$ds"
                    printf '%s\\tsnapshots_changed\\t1700000000\\t-\\n' "$ds"
                  done
                  exit 0
                fi
                if [ "$1" = list ]; then printf 'p/sink/c1/x@s1\\tsnapshot\\t11\\t5\\t90\\t1\\n'; exit 0; fi
                """);
        LocalReceiver r = receiver(z, PlaceholderEncryption.INHERIT);
        assertThat(r.listFilesystems()).extracting(EndpointFilesystem::path).contains("x");
        assertThat(r.listVersions(List.of("x")).get("x")).extracting(FilesystemVersion::name).containsExactly("s1");
        r.listFilesystems();
        assertThat(r.listVersions(List.of("x")).get("x")).extracting(FilesystemVersion::name).containsExactly("s1");
        assertThat(zfs.verbs().stream().filter("list"::equals).count()).as("listed once").isEqualTo(1);

        r.destroySnapshots("x", List.of(FilesystemVersion.snapshot("s1", 11, 5, Instant.EPOCH)));
        r.listFilesystems();
        r.listVersions(List.of("x"));
        assertThat(zfs.verbs().stream().filter("list"::equals).count()).as("after a destroy").isEqualTo(2);
    }
}
