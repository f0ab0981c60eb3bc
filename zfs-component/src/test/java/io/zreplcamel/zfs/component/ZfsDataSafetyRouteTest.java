package io.zreplcamel.zfs.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.zfs.FakeZfs;
import io.zreplcamel.zfs.names.InvalidNameException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a message can and cannot make a {@code zfs:} endpoint destroy, over a fake zfs that logs every argv (it
 * proves the control flow: which process would run; the platform tests show the same on real ZFS).
 */
class ZfsDataSafetyRouteTest extends CamelTestSupport {

    Path dir;
    Path log;

    @BeforeEach
    void fakeZfs() throws Exception {
        dir = Files.createTempDirectory("zfs-safety");
        log = dir.resolve("argv.log");
        Path zfs = FakeZfs.script(dir, "zfs", """
                if [ "$1" = '-?' ]; then
                  printf 'usage: zfs\\n\\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%%<snap>][,...]\\n'; exit 0
                fi
                """ + FakeZfs.logArgs(log) + "exit 0");
        // every endpoint of this context uses the fake, and shares one layer instance with defaultZfs()
        context.getComponent("zfs", ZfsComponent.class).getConfiguration().setZfsCommand(zfs.toString());
    }

    private List<List<String>> calls() throws Exception {
        List<List<String>> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                out.add(List.of(line.split("\u001f")));
            }
        }
        return out;
    }

    private Exchange send(String uri, Map<String, Object> headers) {
        return template.send(uri, e -> e.getMessage().setHeaders(new java.util.HashMap<>(headers)));
    }

    // ---------------------------------------------------------------- 1. the operation header

    @Test
    void aHeaderCannotTurnListIntoDestroy() throws Exception {
        Exchange out = send("zfs:list", Map.of(ZfsConstants.OPERATION, "destroy", ZfsConstants.DATASET, "p/x"));
        assertThat(out.getException()).isInstanceOf(DestructiveHeaderException.class)
                .hasMessageContaining("CamelZfsOperation=destroy").hasMessageContaining("zfs:list")
                .hasMessageContaining("Nothing was run");
        assertThat(calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"destroy", "release", "rollback", "abortRecv", "set", "inherit", "DESTROY"})
    void noDestructiveOperationCanComeFromAHeader(String operation) throws Exception {
        Exchange out = send("zfs:get?properties=name", Map.of(ZfsConstants.OPERATION, operation,
                ZfsConstants.DATASET, "p/x", ZfsConstants.SNAPSHOT, "p/x@s", ZfsConstants.TAG, "t",
                ZfsConstants.PROPERTIES, Map.of("readonly", "on")));
        assertThat(out.getException()).isInstanceOf(DestructiveHeaderException.class);
        assertThat(calls()).isEmpty();
    }

    @Test
    void recvIsDestructiveFromAHeaderWhenTheEndpointForces() throws Exception {
        Exchange out = send("zfs:list?force=true", Map.of(ZfsConstants.OPERATION, "recv",
                ZfsConstants.RECEIVE_TARGET, "p/x"));
        assertThat(out.getException()).isInstanceOf(DestructiveHeaderException.class)
                .hasMessageContaining("recv with force");
        assertThat(calls()).isEmpty();
    }

    @Test
    void aHeaderMaySelectANonDestructiveOperationOrRepeatTheEndpointsOwn() throws Exception {
        Exchange listed = send("zfs:destroy?allowFilesystemDestroy=true", Map.of(ZfsConstants.OPERATION, "list",
                ZfsConstants.DATASET, "p/x"));
        assertThat(listed.getException()).isNull();
        Exchange destroyed = send("zfs:destroy", Map.of(ZfsConstants.OPERATION, "destroy",
                ZfsConstants.SNAPSHOT, "p/x@s"));
        assertThat(destroyed.getException()).isNull();
        assertThat(calls()).extracting(c -> c.get(0)).containsExactly("list", "destroy");
        assertThat(calls().get(1)).containsExactly("destroy", "--", "p/x@s");
    }

    // ---------------------------------------------------------------- 2. destroying a filesystem

    @Test
    void destroyWithOnlyADatasetNeedsAllowFilesystemDestroy() throws Exception {
        for (Exchange out : List.of(send("zfs:destroy?dataset=p/x&recursive=true", Map.of()),
                send("zfs:destroy", Map.of(ZfsConstants.DATASET, "p/x")))) {
            assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'p/x'").hasMessageContaining("allowFilesystemDestroy=true")
                    .hasMessageContaining("Nothing was destroyed");
        }
        assertThat(calls()).isEmpty();

        assertThat(send("zfs:destroy?dataset=p/x&allowFilesystemDestroy=true", Map.of()).getException()).isNull();
        assertThat(send("zfs:destroy?allowFilesystemDestroy=true&recursive=true", Map.of(ZfsConstants.DATASET,
                "p/y")).getException()).isNull();
        assertThat(calls()).containsExactly(List.of("destroy", "--", "p/x"), List.of("destroy", "-r", "--", "p/y"));
    }

    @Test
    void snapshotAndBookmarkDestroysNeedNoOption() throws Exception {
        assertThat(send("zfs:destroy?dataset=p/x&snapshot=s&recursive=true", Map.of()).getException()).isNull();
        assertThat(send("zfs:destroy?dataset=p/x&bookmark=b", Map.of()).getException()).isNull();
        assertThat(send("zfs:destroy?dataset=p/x&snapshot=a%25c", Map.of()).getException()).isNull();
        assertThat(send("zfs:destroy", Map.of(ZfsConstants.SNAPSHOTS, List.of("p/x@1", "p/x@2"))).getException())
                .isNull();
        assertThat(calls()).containsExactly(List.of("destroy", "-r", "--", "p/x@s"), List.of("destroy", "--", "p/x#b"),
                List.of("destroy", "--", "p/x@a%c"), List.of("destroy", "--", "p/x@1,2"));
    }

    // ---------------------------------------------------------------- 3. names

    @ParameterizedTest
    @ValueSource(strings = {"-r", "-p/x", "p/..", "p/../x", "p/./x", "1p/x"})
    void badDatasetNamesRunNothing(String dataset) throws Exception {
        assertThat(send("zfs:list", Map.of(ZfsConstants.DATASET, dataset)).getException())
                .isInstanceOf(InvalidNameException.class);
        assertThat(send("zfs:destroy", Map.of(ZfsConstants.DATASET, dataset, ZfsConstants.SNAPSHOT, "s"))
                .getException()).isInstanceOf(InvalidNameException.class);
        assertThat(send("zfs:destroy?allowFilesystemDestroy=true", Map.of(ZfsConstants.DATASET, dataset))
                .getException()).isInstanceOf(InvalidNameException.class);
        assertThat(calls()).isEmpty();
    }

    // ---------------------------------------------------------------- 4. per-endpoint batch size

    /** zfs destroy processes since the last call (the feature probe is not logged, and runs once per JVM). */
    private long destroysSince(int[] seen) throws Exception {
        List<List<String>> all = calls();
        long n = all.subList(seen[0], all.size()).stream().filter(c -> c.get(0).equals("destroy")).count();
        seen[0] = all.size();
        return n;
    }

    @Test
    void maxDestroyBatchOfOneEndpointDoesNotLeakIntoTheSharedLayer() throws Exception {
        List<String> five = IntStream.range(0, 5).mapToObj(i -> "p/x@s" + i).toList();
        int[] seen = {0};
        send("zfs:destroy?maxDestroyBatch=2", Map.of(ZfsConstants.SNAPSHOTS, five));
        assertThat(destroysSince(seen)).isEqualTo(3);
        // the layer instance is shared with every endpoint of the same binary: its own calls keep no limit
        context.getComponent("zfs", ZfsComponent.class).defaultZfs().destroySnapshots(five);
        assertThat(destroysSince(seen)).isEqualTo(1);
        send("zfs:destroy", Map.of(ZfsConstants.SNAPSHOTS, five));
        assertThat(destroysSince(seen)).isEqualTo(1);
    }

    @Test
    void zreplDestroyMaxBatchSizeIsTheDefaultAndTheOptionOverridesIt() throws Exception {
        ZfsComponent withEnv = new ZfsComponent(Map.of("ZREPL_DESTROY_MAX_BATCH_SIZE", "2")::get);
        withEnv.setConfiguration(context.getComponent("zfs", ZfsComponent.class).getConfiguration().copy());
        context.addComponent("zfsenv", withEnv);
        List<String> five = IntStream.range(0, 5).mapToObj(i -> "p/x@s" + i).toList();
        int[] seen = {0};
        send("zfsenv:destroy", Map.of(ZfsConstants.SNAPSHOTS, five));
        assertThat(destroysSince(seen)).isEqualTo(3);
        send("zfsenv:destroy?maxDestroyBatch=0", Map.of(ZfsConstants.SNAPSHOTS, five));
        assertThat(destroysSince(seen)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "-1", "1.5", "99999999999"})
    void anInvalidZreplDestroyMaxBatchSizeIsAnErrorNamingTheVariable(String value) {
        ZfsComponent withEnv = new ZfsComponent(Map.of("ZREPL_DESTROY_MAX_BATCH_SIZE", value)::get);
        context.addComponent("zfsbad", withEnv);
        assertThatThrownBy(() -> send("zfsbad:destroy", Map.of(ZfsConstants.SNAPSHOTS, List.of("p/x@s"))))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("ZREPL_DESTROY_MAX_BATCH_SIZE").hasMessageContaining(value);
    }
}
