package io.zreplcamel.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.cmd.RunnerSettings;
import io.zreplcamel.zfs.error.BookmarkExistsException;
import io.zreplcamel.zfs.error.DatasetBusyException;
import io.zreplcamel.zfs.feature.ZfsFeature;
import io.zreplcamel.zfs.feature.ZfsFeatures;
import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import io.zreplcamel.zfs.model.DestroyResult;
import io.zreplcamel.zfs.model.SendEstimate;
import io.zreplcamel.zfs.names.InvalidNameException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The argv each operation builds, how many processes it spawns, and its control flow on scripted answers (batching,
 * idempotency, retries). What ZFS really does with these commands is checked by the platform tests.
 */
@Timeout(60)
class ZfsOperationsTest {

    @TempDir
    Path dir;
    Path log;

    @BeforeEach
    void setUp() {
        log = dir.resolve("argv.log");
    }

    /** A zfs whose usage text is OpenZFS 2.3's and whose other answers come from {@code body} (after logging). */
    private Zfs zfs(String body) throws IOException {
        Path usage = Path.of("src/test/resources/fixtures/zfs-2.3-usage.txt").toAbsolutePath();
        Path script = FakeZfs.script(dir, "zfs", "if [ \"$1\" = '-?' ]; then cat '" + usage + "'; exit 0; fi\n"
                + FakeZfs.logArgs(log) + body);
        return new Zfs(RunnerSettings.defaults().withZfsBinary(script.toString()));
    }

    private List<List<String>> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            out.add(List.of(line.split("\u001f")));
        }
        return out;
    }

    @Test
    void listIsOneScopedCallForAllRoots() throws Exception {
        Zfs zfs = zfs("printf 'p/a\\tfilesystem\\t1\\t2\\t3\\t-\\t-\\np/a@s\\tsnapshot\\t4\\t5\\t6\\t0\\t-\\n'");
        List<DatasetEntry> e = zfs.list(new ListRequest(List.of("p/a", "p/b c"),
                EnumSet.of(DatasetType.FILESYSTEM, DatasetType.SNAPSHOT), true, -1, List.of("receive_resume_token")));
        assertThat(e).extracting(DatasetEntry::name).containsExactly("p/a", "p/a@s");
        assertThat(calls()).containsExactly(List.of("list", "-H", "-p", "-o",
                "name,type,guid,createtxg,creation,userrefs,receive_resume_token", "-t", "filesystem,snapshot", "-r",
                "-s", "createtxg", "--", "p/a", "p/b c"));
    }

    @Test
    void listVersionsIsDepthOne() throws Exception {
        Zfs zfs = zfs("exit 0");
        assertThat(zfs.listVersions("p/a", EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK))).isEmpty();
        assertThat(calls().get(0)).containsSubsequence("-t", "snapshot,bookmark", "-d", "1", "--", "p/a");
    }

    @Test
    void invalidNamesSpawnNothing() throws Exception {
        Zfs zfs = zfs("exit 0");
        assertThatThrownBy(() -> zfs.list(ListRequest.datasets(List.of("p/a$")))).isInstanceOf(
                InvalidNameException.class).hasMessage("invalid dataset name 'p/a$': invalid character '$' in name");
        assertThatThrownBy(() -> zfs.snapshot(List.of("p/a"), false, Map.of()))
                .hasMessageContaining("missing '@' delimiter in snapshot name");
        assertThatThrownBy(() -> zfs.send(SendRequest.incremental("@a@b", "p/f@c")))
                .isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> zfs.receive(ReceiveRequest.into("p/f#b"), java.io.InputStream.nullInputStream()))
                .isInstanceOf(InvalidNameException.class);
        assertThat(zfs.runner().counter().total()).isZero();
    }

    @Test
    void snapshotOfSeveralDatasetsIsOneAtomicCall() throws Exception {
        Zfs zfs = zfs("exit 0");
        assertThat(zfs.snapshotAll(List.of("p/a", "p/b", "p/a/c"), "zrepl_1"))
                .containsExactly("p/a@zrepl_1", "p/b@zrepl_1", "p/a/c@zrepl_1");
        assertThat(calls()).containsExactly(List.of("snapshot", "--", "p/a@zrepl_1", "p/b@zrepl_1",
                "p/a/c@zrepl_1"));
        assertThatThrownBy(() -> zfs.snapshotAll(List.of("p/a", "q/b"), "x"))
                .hasMessageContaining("several pools [p, q]");
        // found on real ZFS: one call cannot take two snapshots of the same filesystem (one txg each)
        assertThatThrownBy(() -> zfs.snapshot(List.of("p/a@1", "p/a@2"), false, Map.of()))
                .hasMessageContaining("only one snapshot of p/a");
        assertThat(zfs.runner().counter().total()).isEqualTo(1);
    }

    @Test
    void batchedDestroyRetriesWithoutTheHeldSnapshotThenReportsIt() throws Exception {
        // Like ZFS: a comma batch that contains the held @2 destroys nothing and names @2.
        Zfs zfs = zfs("""
                if [ "$1" = destroy ]; then
                  case "$3" in
                    *@2|*@2,*|*,2|*,2,*) echo "cannot destroy snapshot p/f@2: dataset is busy" >&2; exit 1;;
                  esac
                fi
                exit 0
                """);
        DestroyResult r = zfs.destroySnapshots(List.of("p/f@3", "p/f@2", "p/f@1", "p/g@1"));
        assertThat(r.destroyed()).containsExactlyInAnyOrder("p/f@1", "p/f@3", "p/g@1");
        assertThat(r.failed()).containsOnlyKeys("p/f@2");
        assertThat(r.failed().get("p/f@2")).isInstanceOf(DatasetBusyException.class);
        assertThat(calls()).containsExactly(
                List.of("destroy", "--", "p/f@1,2,3"),
                List.of("destroy", "--", "p/f@1,3"),
                List.of("destroy", "--", "p/f@2"),
                List.of("destroy", "--", "p/g@1"));
        assertThat(r.processes()).isEqualTo(5); // 4 destroys + the one-time feature probe of this binary
    }

    @Test
    void thousandSnapshotsOfOneFilesystemTakeOneProcess() throws Exception {
        Zfs zfs = zfs("exit 0");
        zfs.features();
        List<String> snaps = IntStream.range(0, 1000).mapToObj(i -> "p/f@zrepl_" + i).collect(Collectors.toList());
        DestroyResult r = zfs.destroySnapshots(snaps);
        assertThat(r.allDestroyed()).isTrue();
        assertThat(r.destroyed()).hasSize(1000);
        assertThat(r.processes()).isEqualTo(1);
    }

    @Test
    void longBatchesAreSplitBelowTheSingleArgumentLimit() {
        List<String> names = IntStream.range(0, 5000).mapToObj(i -> "zrepl_20260101_000000_" + i).toList();
        List<List<String>> groups = ArgvBatches.commaGroups("pool/fs", names, ArgvBatches.SINGLE_ARG_BUDGET, 0);
        assertThat(groups).hasSizeGreaterThan(1);
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(5000);
        for (List<String> g : groups) {
            assertThat(("pool/fs@" + String.join(",", g)).length()).isLessThanOrEqualTo(ArgvBatches.SINGLE_ARG_BUDGET);
        }
        assertThat(ArgvBatches.commaGroups("p", names.subList(0, 10), 1 << 20, 3)).hasSize(4);
    }

    @Test
    void missingSnapshotsCountAsDestroyedAndOtherFailuresFallBackToSingles() throws Exception {
        Zfs zfs = zfs("""
                case "$3" in
                  p/gone@*) echo "could not find any snapshots to destroy; check snapshot names." >&2; exit 1;;
                  p/f@a,b) echo "internal error: out of memory" >&2; exit 1;;
                  p/f@b) echo "cannot destroy snapshot p/f@b: snapshot is cloned" >&2; exit 1;;
                esac
                exit 0
                """);
        DestroyResult r = zfs.destroySnapshots(List.of("p/gone@x", "p/gone@y", "p/f@a", "p/f@b", "bad name@"));
        assertThat(r.destroyed()).containsExactlyInAnyOrder("p/gone@x", "p/gone@y", "p/f@a");
        assertThat(r.failed()).containsOnlyKeys("p/f@b", "bad name@");
        assertThat(r.failed().get("bad name@")).isInstanceOf(InvalidNameException.class);
        assertThat(r.failed().get("p/f@b")).hasMessageContaining("snapshot is cloned");
    }

    @Test
    void withoutCommaSupportEverySnapshotIsItsOwnProcessInRequestOrder() throws Exception {
        Path usage = Path.of("src/test/resources/fixtures/zfs-0.7-usage.txt").toAbsolutePath();
        Path oldUsage = dir.resolve("old-usage.txt");
        Files.writeString(oldUsage, Files.readString(usage).replace("[%<snap>][,...]", ""));
        Path script = FakeZfs.script(dir, "zfs-old", "if [ \"$1\" = '-?' ]; then cat '" + oldUsage
                + "'; exit 0; fi\n" + FakeZfs.logArgs(log) + "exit 0");
        Zfs zfs = new Zfs(RunnerSettings.defaults().withZfsBinary(script.toString()));
        zfs.destroySnapshots(List.of("p/f@2", "p/f@1"));
        assertThat(calls()).containsExactly(List.of("destroy", "--", "p/f@2"), List.of("destroy", "--", "p/f@1"));
    }

    @Test
    void holdAndReleaseAreIdempotent() throws Exception {
        Zfs zfs = zfs("""
                case "$1" in
                  hold) echo "cannot hold snapshot 'p/f@s': tag already exists on this dataset" >&2; exit 1;;
                  release) echo "cannot release hold from snapshot 'p/f@s': no such tag on this dataset" >&2; exit 1;;
                esac
                """);
        zfs.hold("zrepl_STEP_J_a job", List.of("p/f@s"), false);
        zfs.release("zrepl_STEP_J_a job", List.of("p/f@s"), false);
        zfs.hold("-r", List.of("p/f@s"), true); // a tag that looks like an option stays the tag
        assertThat(calls()).containsExactly(List.of("hold", "--", "zrepl_STEP_J_a job", "p/f@s"),
                List.of("release", "--", "zrepl_STEP_J_a job", "p/f@s"), List.of("hold", "-r", "--", "-r", "p/f@s"));
        assertThatThrownBy(() -> zfs.hold("", List.of("p/f@s"), false)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void holdOnAMissingSnapshotStillFails() throws Exception {
        Zfs zfs = zfs("echo \"cannot hold snapshot 'p/f@s': dataset does not exist\" >&2; exit 1");
        assertThatThrownBy(() -> zfs.hold("t", List.of("p/f@s"), false))
                .isInstanceOf(io.zreplcamel.zfs.error.DatasetNotFoundException.class);
    }

    @Test
    void bookmarkIsIdempotentForTheSameGuidOnly() throws Exception {
        Zfs same = zfs("""
                case "$1" in
                  bookmark) echo "cannot create bookmark 'p/f#b': bookmark exists" >&2; exit 1;;
                  get) printf 'p/f@s\\tguid\\t42\\t-\\np/f#b\\tguid\\t42\\t-\\n';;
                esac
                """);
        assertThat(same.bookmark("p/f@s", "#b")).isEqualTo("p/f#b");
        Files.delete(log);
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        dir = other;
        log = other.resolve("argv.log");
        Zfs different = zfs("""
                case "$1" in
                  bookmark) echo "cannot create bookmark 'p/f#b': bookmark exists" >&2; exit 1;;
                  get) printf 'p/f@s\\tguid\\t42\\t-\\np/f#b\\tguid\\t43\\t-\\n';;
                esac
                """);
        assertThatThrownBy(() -> different.bookmark("p/f@s", "p/f#b")).isInstanceOf(BookmarkExistsException.class);
    }

    @Test
    void getSetInheritAndResumeToken() throws Exception {
        Zfs zfs = zfs("""
                if [ "$1" = get ]; then printf 'p/f\\treceive_resume_token\\t1-ab-10-789c\\t-\\n'; fi
                """);
        assertThat(zfs.receiveResumeToken("p/f")).hasValue("1-ab-10-789c");
        zfs.set("p/f", new java.util.LinkedHashMap<>(Map.of("zrepl:placeholder", "on")));
        zfs.inherit("p/f", "compression", true, false);
        assertThat(calls()).containsExactly(
                List.of("get", "-H", "-p", "-o", "name,property,value,source", "--", "receive_resume_token", "p/f"),
                List.of("set", "zrepl:placeholder=on", "p/f"),
                List.of("inherit", "-r", "--", "compression", "p/f"));
        assertThatThrownBy(() -> zfs.set("p/f", Map.of("bad=name", "x"))).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> zfs.inherit("p/f", "-r", false, false)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("must not start with '-'");
        assertThat(zfs.runner().counter().total()).isEqualTo(3);
    }

    @Test
    void placeholdersAreCreatedUnmountedAndMarkedWithEncryptionOnlyWhenAsked() throws Exception {
        Zfs zfs = zfs("exit 0");
        zfs.createPlaceholder("p/sink/c1", false);
        zfs.createPlaceholder("p/sink/c1/pool", true);
        assertThat(calls()).containsExactly(
                List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", "--", "p/sink/c1"),
                List.of("create", "-o", "zrepl:placeholder=on", "-o", "mountpoint=none", "-o", "encryption=off",
                        "--", "p/sink/c1/pool"));
        assertThatThrownBy(() -> zfs.createPlaceholder("p", false)).hasMessageContaining("root dataset");
        assertThatThrownBy(() -> zfs.createPlaceholder("p/a@s", false)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> zfs.createPlaceholder("-o/x", false)).isInstanceOf(InvalidNameException.class);
        assertThat(zfs.runner().counter().total()).isEqualTo(2);
    }

    @Test
    void onlyALocalOnOrTheLegacyHashMarksAPlaceholder() {
        var local = io.zreplcamel.zfs.model.PropertySource.LOCAL;
        assertThat(Placeholders.isPlaceholder("p/a", "on", local)).isTrue();
        assertThat(Placeholders.isPlaceholder("p/a", "off", local)).isFalse();
        assertThat(Placeholders.isPlaceholder("p/a", "on",
                io.zreplcamel.zfs.model.PropertySource.parse("inherited from p"))).isFalse();
        assertThat(Placeholders.isPlaceholder("p/a", "on", io.zreplcamel.zfs.model.PropertySource.RECEIVED))
                .isFalse();
        assertThat(Placeholders.isPlaceholder("p/a", "-", io.zreplcamel.zfs.model.PropertySource.NONE)).isFalse();
        String legacy = Placeholders.legacyValue("p/a");
        assertThat(legacy).hasSize(64).matches("[0-9a-f]+");
        assertThat(Placeholders.isPlaceholder("p/a", legacy, local)).isTrue();
        assertThat(Placeholders.isPlaceholder("p/b", legacy, local)).isFalse();
    }

    @Test
    void estimateSendParsesTheDryRun() throws Exception {
        Zfs zfs = zfs("printf 'incremental\\tp/f@a\\tp/f@b\\t4096\\nsize\\t4096\\n'");
        SendEstimate e = zfs.estimateSend(SendRequest.incremental("@a", "p/f@b").withCompressed(true));
        assertThat(e).isEqualTo(new SendEstimate(true, "p/f@a", "p/f@b", 4096));
        assertThat(calls()).containsExactly(List.of("send", "-n", "-P", "-c", "-i", "p/f@a", "--", "p/f@b"));
    }

    @Test
    void estimateSendWithIntermediatesUsesCapitalI() throws Exception {
        Zfs zfs = zfs("printf 'incremental\\tp/f@a\\tp/f@c\\t10\\nsize\\t10\\n'");
        zfs.estimateSend(SendRequest.incremental("@a", "p/f@c").withIntermediates(true).withRaw(true));
        assertThat(calls()).containsExactly(List.of("send", "-n", "-P", "-w", "-I", "p/f@a", "--", "p/f@c"));
    }

    @Test
    void listWithoutUserRefsOmitsTheColumnAndParsesSnapshots() throws Exception {
        Zfs zfs = zfs("printf 'p/a@s\\tsnapshot\\t4\\t5\\t6\\np/a#b\\tbookmark\\t4\\t5\\t6\\n'");
        List<DatasetEntry> e = zfs.list(new ListRequest(List.of("p/a", "p/b"),
                EnumSet.of(DatasetType.SNAPSHOT, DatasetType.BOOKMARK), false, 1, List.of()).withoutUserRefs());
        assertThat(e).extracting(DatasetEntry::name).containsExactly("p/a@s", "p/a#b");
        assertThat(e.get(0).userRefs()).isEmpty();
        assertThat(e.get(0).guid()).isEqualTo(4);
        assertThat(e.get(0).createTxg()).isEqualTo(5);
        assertThat(calls()).containsExactly(List.of("list", "-H", "-p", "-o", "name,type,guid,createtxg,creation",
                "-t", "snapshot,bookmark", "-d", "1", "-s", "createtxg", "--", "p/a", "p/b"));
    }

    @Test
    void listWithoutUserRefsKeepsExtraColumns() throws Exception {
        Zfs zfs = zfs("printf 'p/a\\tfilesystem\\t1\\t2\\t3\\ton\\n'");
        List<DatasetEntry> e = zfs.list(ListRequest.datasets(List.of("p")).withExtraProperties(
                List.of("zrepl:placeholder")).withoutUserRefs());
        assertThat(e.get(0).properties()).containsEntry("zrepl:placeholder", "on");
        assertThat(calls().get(0)).contains("name,type,guid,createtxg,creation,zrepl:placeholder");
    }

    @Test
    void getAllIsOneCallWithoutDatasets() throws Exception {
        Zfs zfs = zfs("printf 'p/a\\tzrepl:placeholder\\ton\\tlocal\\np/a/b\\tzrepl:placeholder\\ton\\tinherited from p/a\\n'");
        var values = zfs.getAll(List.of("zrepl:placeholder"), EnumSet.of(DatasetType.FILESYSTEM, DatasetType.VOLUME));
        assertThat(values).hasSize(2);
        assertThat(values.get(1).source().kind()).isEqualTo(io.zreplcamel.zfs.model.PropertySource.Kind.INHERITED);
        assertThat(calls()).containsExactly(List.of("get", "-H", "-p", "-o", "name,property,value,source", "-t",
                "filesystem,volume", "--", "zrepl:placeholder"));
    }

    @Test
    void receiveArgumentsAndAbortIdempotency() throws Exception {
        Zfs zfs = zfs("""
                if [ "$1" = receive ] && [ "$2" = -A ]; then
                  echo "'p/f' does not have any resumable receive state to abort" >&2; exit 1
                fi
                cat > /dev/null
                """);
        java.util.LinkedHashMap<String, String> o = new java.util.LinkedHashMap<>();
        o.put("mountpoint", "none");
        o.put("zrepl:x", "a b");
        zfs.receive(ReceiveRequest.into("p/f").withResumable(true).withNoMount(true).withForce(true)
                .withOverrideProperties(o).withExcludeProperties(List.of("keylocation")),
                new java.io.ByteArrayInputStream(new byte[100]));
        zfs.abortResumableReceive("p/f");
        assertThat(calls()).containsExactly(
                List.of("receive", "-s", "-u", "-F", "-o", "mountpoint=none", "-o", "zrepl:x=a b", "-x",
                        "keylocation", "--", "p/f"),
                List.of("receive", "-A", "--", "p/f"));
    }

    @Test
    void destroyRollbackAndGuards() throws Exception {
        Zfs zfs = zfs("exit 0");
        zfs.destroy("p/f#bm", false);
        zfs.destroyFilesystem("p/f", true);
        zfs.destroyRange("p/f", "a", "c");
        zfs.rollback("p/f@a", true, false, false);
        assertThatThrownBy(() -> zfs.destroyFilesystem("p", true)).hasMessageContaining("root dataset");
        assertThat(calls()).containsExactly(List.of("destroy", "--", "p/f#bm"), List.of("destroy", "-r", "--", "p/f"),
                List.of("destroy", "--", "p/f@a%c"), List.of("rollback", "-r", "--", "p/f@a"));
    }

    @Test
    void destroyOfASnapshotOrBookmarkNeverDestroysAFilesystem() throws Exception {
        Zfs zfs = zfs("exit 0");
        // e.g. a snapshot name that lost its "@snap" on the way: before, this ran "zfs destroy -r p/f"
        assertThatThrownBy(() -> zfs.destroy("p/f", true)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("missing '@' or '#' delimiter");
        assertThatThrownBy(() -> zfs.destroyFilesystem("p/f@s", false)).isInstanceOf(InvalidNameException.class);
        assertThat(zfs.runner().counter().total()).isZero();
    }

    @Test
    void namesThatZfsCouldTakeForOptionsOrThatLeaveTheirParentSpawnNothing() throws Exception {
        Zfs zfs = zfs("exit 0");
        assertThatThrownBy(() -> zfs.list(ListRequest.datasets(List.of("-r")))).isInstanceOf(
                InvalidNameException.class).hasMessageContaining("pool doesn't begin with a letter");
        assertThatThrownBy(() -> zfs.destroy("-p/f@s", false)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> zfs.get(List.of("p/.."), List.of("name"), false, -1, null))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("parent reference");
        assertThatThrownBy(() -> zfs.snapshot(List.of("p/./f@s"), false, Map.of()))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("self reference");
        DestroyResult r = zfs.destroySnapshots(List.of("p/../f@s", "-p/f@s", "p/f@.."));
        assertThat(r.failed()).containsOnlyKeys("p/../f@s", "-p/f@s", "p/f@..");
        assertThat(zfs.runner().counter().total()).isZero();
    }

    @Test
    void maxSnapshotsPerDestroyCallIsAParameterOfTheCall() throws Exception {
        Zfs zfs = zfs("exit 0");
        zfs.features();
        List<String> five = IntStream.range(0, 5).mapToObj(i -> "p/f@s" + i).toList();
        assertThat(zfs.destroySnapshots(five, 2).processes()).isEqualTo(3);
        assertThat(zfs.destroySnapshots(five, 0).processes()).isEqualTo(1);
        assertThatThrownBy(() -> zfs.destroySnapshots(five, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void featuresAndVersionAreDetectedOncePerBinary() throws Exception {
        Zfs zfs = zfs("[ \"$1\" = version ] && printf 'zfs-2.3.2-1~bpo12+1\\nzfs-kmod-2.3.2-1~bpo12+1\\n'; exit 0");
        ZfsFeatures f = zfs.features();
        zfs.features();
        assertThat(f.supported()).containsExactlyInAnyOrder(ZfsFeature.values());
        assertThat(zfs.version().number()).isEqualTo("2.3.2");
        zfs.version();
        assertThat(zfs.runner().counter().byVerb()).isEqualTo(Map.of("zfs -?", 1L, "zfs version", 1L));
        Zfs second = new Zfs(zfs.runner().settings());
        second.features();
        assertThat(second.runner().counter().total()).as("cached per binary for the whole JVM").isZero();
    }

    @Test
    void featuresOfAnOldZfs() throws IOException {
        ZfsFeatures f = ZfsFeatures.fromUsage(Files.readString(Path.of("src/test/resources/fixtures/zfs-0.7-usage.txt")));
        assertThat(f.supported()).containsExactlyInAnyOrder(ZfsFeature.RESUMABLE_SEND, ZfsFeature.RESUMABLE_RECEIVE,
                ZfsFeature.BOOKMARKS, ZfsFeature.COMMA_DESTROY);
        assertThat(Objects.requireNonNull(f).has(ZfsFeature.ENCRYPTION)).isFalse();
    }
}
