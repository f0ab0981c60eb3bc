package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo checks what the daemon did and says so in its last line; the check itself, without ZFS. */
class DemoCommandTest {

    private static final String POOL = "zreplcameldemo1";

    private static List<String> hooks(int runs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (String fs : List.of(POOL + "/app", POOL + "/app/db")) {
                lines.add("10:00:0" + i + " pre_snapshot " + fs + "@zrepl_" + i);
                lines.add("10:00:0" + i + " post_snapshot " + fs + "@zrepl_" + i);
            }
        }
        return lines;
    }

    private static List<String> snapshots(int keptPerFs, boolean foreign, boolean scratch) {
        List<String> out = new ArrayList<>();
        if (foreign) {
            out.add(POOL + "/app@before-zrepl");
        }
        for (int i = 0; i < keptPerFs; i++) {
            out.add(POOL + "/app@zrepl_" + i);
            out.add(POOL + "/app/db@zrepl_" + i);
        }
        if (scratch) {
            out.add(POOL + "/scratch@zrepl_0");
        }
        return out;
    }

    @Test
    void fiveRunsPrunedToThreeIsOk() {
        assertThat(DemoCommand.check(POOL, snapshots(3, true, false), hooks(5)))
                .startsWith("OK: 5 snapshot runs on 2 filesystems, 4 snapshots pruned, 6 left");
    }

    @Test
    void fewerRunsThanKeptIsOk() {
        assertThat(DemoCommand.check(POOL, snapshots(2, true, false), hooks(2))).startsWith("OK: 2 snapshot runs");
    }

    @Test
    void noRunFails() {
        assertThat(DemoCommand.check(POOL, snapshots(0, true, false), List.of())).startsWith("FAILED: no snapshot run");
    }

    @Test
    void unprunedSnapshotsFail() {
        assertThat(DemoCommand.check(POOL, snapshots(5, true, false), hooks(5)))
                .startsWith("FAILED: " + POOL + "/app has 5 zrepl_ snapshots after 5 runs, expected 3");
    }

    @Test
    void destroyedForeignSnapshotFails() {
        assertThat(DemoCommand.check(POOL, snapshots(3, false, false), hooks(5))).contains("before-zrepl");
    }

    @Test
    void snapshottedUnfilteredDatasetFails() {
        assertThat(DemoCommand.check(POOL, snapshots(3, true, true), hooks(5))).contains("scratch is not in the filter");
    }

    @Test
    void missingPostHookFails() {
        List<String> hooks = new ArrayList<>(hooks(4));
        hooks.remove(hooks.size() - 1);
        assertThat(DemoCommand.check(POOL, snapshots(3, true, false), hooks)).contains("post_snapshot hook calls");
    }

    private static final String CLIENT_ROOT = POOL + "b/sink/demo";

    private static java.util.Map<String, String> replicated(int n, boolean sameGuids) {
        java.util.Map<String, String> guids = new java.util.LinkedHashMap<>();
        for (String fs : List.of(POOL + "/app", POOL + "/app/db")) {
            for (int i = 0; i < n; i++) {
                String guid = Integer.toString((fs + i).hashCode());
                guids.put(fs + "@zrepl_" + i, guid);
                guids.put(CLIENT_ROOT + "/" + fs + "@zrepl_" + i, sameGuids ? guid : guid + "0");
            }
        }
        return guids;
    }

    @Test
    void replicatedSnapshotsWithTheSendersGuidsAreOk() {
        assertThat(DemoCommand.checkReplication(POOL, CLIENT_ROOT, replicated(3, true)))
                .isEqualTo("6 snapshots on the sink with the sender's guids");
    }

    @Test
    void aReceivedSnapshotWithAnotherGuidFails() {
        assertThat(DemoCommand.checkReplication(POOL, CLIENT_ROOT, replicated(2, false)))
                .startsWith("FAILED: " + CLIENT_ROOT + "/" + POOL + "/app@zrepl_0 has guid");
    }

    @Test
    void nothingReplicatedOrUnprunedOnTheSinkFails() {
        java.util.Map<String, String> senderOnly = new java.util.LinkedHashMap<>(replicated(2, true));
        senderOnly.keySet().removeIf(n -> n.startsWith(CLIENT_ROOT));
        assertThat(DemoCommand.checkReplication(POOL, CLIENT_ROOT, senderOnly)).startsWith("FAILED: nothing was"
                + " replicated to " + CLIENT_ROOT + "/" + POOL + "/app");
        assertThat(DemoCommand.checkReplication(POOL, CLIENT_ROOT, replicated(5, true)))
                .contains("has 5 zrepl_ snapshots, keep_receiver keeps 3");
    }

    @Test
    void theDemoConfigLoadsWithTheDaemonsOptions() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("demo-config");
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("zrepl.yml"),
                DemoCommand.demoConfig(POOL, POOL + "b", "10s", dir.resolve("hook.sh")));
        io.zreplcamel.config.ZreplConfig c = io.zreplcamel.config.ConfigLoader.load(config,
                io.zreplcamel.app.Implemented.strict(false));
        assertThat(c.jobs()).extracting(j -> j.type()).containsExactly("push", "sink");
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void helpIsAnsweredWithoutZfs() {
        CliRun run = CliRun.of("demo", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--seconds", "--interval", "--workdir");
    }
}
