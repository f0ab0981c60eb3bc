package io.zreplcamel.platformtest.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code zfs-abstraction list|release-stale|release-all} on hand-made zrepl-named abstractions: what is listed,
 * what zrepl's rules call stale, and that only the config's jobs' abstractions are ever released.
 */
@PlatformTest
class SenderAbstractionCliPlatformTest {

    @TempDir
    Path work;

    record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            CommandLine cmd = ZreplCamelCli.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int exit = cmd.execute(args);
            System.out.print(out);
            System.out.print(err);
            return new Cli(exit, out.toString(), err.toString());
        }
    }

    static String guidHex(String snapshot) {
        return String.format("%016x", Long.parseUnsignedLong(Sh.run("zfs", "get", "-H", "-p", "-o", "value", "guid",
                snapshot).stdout().strip()));
    }

    static List<String> holds(String snapshot) {
        return Sh.run("zfs", "holds", "-H", snapshot).lines().stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")[1]).sorted().toList();
    }

    static List<String> bookmarks(String fs) {
        return Sh.run("zfs", "list", "-H", "-o", "name", "-t", "bookmark", "-d", "1", fs).lines().stream()
                .filter(l -> !l.isBlank()).map(l -> l.substring(l.indexOf('#') + 1)).sorted().toList();
    }

    @Test
    void listReleaseStaleAndReleaseAll(TestPool pool) throws Exception {
        String fs = pool.ds("a");
        pool.zfs("create", fs);
        for (String s : List.of("s1", "s2", "s3")) {
            pool.zfs("snapshot", fs + "@" + s);
        }
        String c1 = "zrepl_CURSOR_G_" + guidHex(fs + "@s1") + "_J_push";
        String c2 = "zrepl_CURSOR_G_" + guidHex(fs + "@s2") + "_J_push";
        String liar = "zrepl_CURSOR_G_" + guidHex(fs + "@s2") + "_J_liar"; // on s1: guid in the name is wrong
        String tentative = "zrepl_CURSORTENTATIVE__G_" + guidHex(fs + "@s1") + "_J_push";
        String foreignCursor = "zrepl_CURSOR_G_" + guidHex(fs + "@s1") + "_J_foreign";
        String foreignCursor2 = "zrepl_CURSOR_G_" + guidHex(fs + "@s2") + "_J_foreign";
        Sh.bash(String.join("\n", "set -e",
                "zfs bookmark " + fs + "@s1 " + fs + "#" + c1,
                "zfs bookmark " + fs + "@s2 " + fs + "#" + c2,
                "zfs bookmark " + fs + "@s1 " + fs + "#" + liar,
                "zfs bookmark " + fs + "@s1 " + fs + "#" + tentative,
                "zfs bookmark " + fs + "@s1 " + fs + "#" + foreignCursor,
                "zfs bookmark " + fs + "@s2 " + fs + "#" + foreignCursor2,
                "zfs bookmark " + fs + "@s1 " + fs + "#zrepl_replication_cursor",
                "zfs hold zrepl_STEP_J_push " + fs + "@s1 " + fs + "@s2 " + fs + "@s3",
                "zfs hold zrepl_STEP_J_foreign " + fs + "@s1",
                "zfs hold zrepl_last_received_J_sink " + fs + "@s1 " + fs + "@s2",
                "zfs hold keep " + fs + "@s1"));
        Path config = Files.writeString(work.resolve("zrepl.yml"), """
                jobs:
                  - name: push
                    type: snap
                    filesystems: {"%1$s<": true}
                    snapshotting: {type: manual}
                    pruning: {keep: [{type: last_n, count: 10}]}
                  - name: sink
                    type: snap
                    filesystems: {"%1$s/other": true}
                    snapshotting: {type: manual}
                    pruning: {keep: [{type: last_n, count: 10}]}
                """.formatted(pool.name()));

        // list: every zrepl-named abstraction, nothing else (user hold, guid-lying bookmark)
        Cli list = Cli.run("zfs-abstraction", "list", "--fs", fs);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().toList()).containsExactlyInAnyOrder(
                "replication-cursor-bookmark-v2\t" + fs + "#" + c1 + "\tpush",
                "replication-cursor-bookmark-v2\t" + fs + "#" + c2 + "\tpush",
                "replication-cursor-bookmark-v2\t" + fs + "#" + foreignCursor + "\tforeign",
                "replication-cursor-bookmark-v2\t" + fs + "#" + foreignCursor2 + "\tforeign",
                "tentative-replication-cursor-bookmark-v2\t" + fs + "#" + tentative + "\tpush",
                "replication-cursor-bookmark-v1\t" + fs + "#zrepl_replication_cursor\t-",
                "step-hold\t" + fs + "@s1\tpush\ttag zrepl_STEP_J_push",
                "step-hold\t" + fs + "@s2\tpush\ttag zrepl_STEP_J_push",
                "step-hold\t" + fs + "@s3\tpush\ttag zrepl_STEP_J_push",
                "step-hold\t" + fs + "@s1\tforeign\ttag zrepl_STEP_J_foreign",
                "last-received-hold\t" + fs + "@s1\tsink\ttag zrepl_last_received_J_sink",
                "last-received-hold\t" + fs + "@s2\tsink\ttag zrepl_last_received_J_sink");
        Cli json = Cli.run("zfs-abstraction", "list", "--fs", fs, "--job", "push", "--type", "step-hold", "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"type\": \"step-hold\"", "\"tag\": \"zrepl_STEP_J_push\"")
                .doesNotContain("foreign", "sink");

        // release-stale --dry-run changes nothing
        Cli dry = Cli.run("zfs-abstraction", "release-stale", "--config", config.toString(), "--fs", fs,
                "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out().lines().toList()).containsExactlyInAnyOrder(
                "would release\treplication-cursor-bookmark-v2\t" + fs + "#" + c1 + "\tpush",
                "would release\tstep-hold\t" + fs + "@s1\tpush\ttag zrepl_STEP_J_push",
                "would release\tstep-hold\t" + fs + "@s2\tpush\ttag zrepl_STEP_J_push",
                "would release\tlast-received-hold\t" + fs + "@s1\tsink\ttag zrepl_last_received_J_sink");
        assertThat(bookmarks(fs)).contains(c1);
        assertThat(holds(fs + "@s2")).contains("zrepl_STEP_J_push");

        // release-stale: stale ones of push and sink go; foreign (not in the config) keeps its stale cursor
        Cli stale = Cli.run("zfs-abstraction", "release-stale", "--config", config.toString(), "--fs", fs);
        assertThat(stale.exit()).as(stale.err()).isZero();
        assertThat(bookmarks(fs)).containsExactlyInAnyOrder(c2, liar, tentative, foreignCursor, foreignCursor2,
                "zrepl_replication_cursor");
        assertThat(holds(fs + "@s1")).containsExactly("keep", "zrepl_STEP_J_foreign");
        assertThat(holds(fs + "@s2")).containsExactly("zrepl_last_received_J_sink");
        assertThat(holds(fs + "@s3")).containsExactly("zrepl_STEP_J_push");

        // release-all of the config's jobs: everything of push and sink, nothing of foreign, no v1, no user hold
        Cli all = Cli.run("zfs-abstraction", "release-all", "--config", config.toString(), "--fs", fs);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(bookmarks(fs)).containsExactlyInAnyOrder(liar, foreignCursor, foreignCursor2,
                "zrepl_replication_cursor");
        assertThat(holds(fs + "@s1")).containsExactly("keep", "zrepl_STEP_J_foreign");
        assertThat(holds(fs + "@s2")).isEmpty();
        assertThat(holds(fs + "@s3")).isEmpty();

        // release-all --job foreign --dry-run, then for real
        Cli foreignDry = Cli.run("zfs-abstraction", "release-all", "--config", config.toString(), "--fs", fs,
                "--job", "foreign", "--dry-run");
        assertThat(foreignDry.out().lines().toList()).hasSize(3).allMatch(l -> l.startsWith("would release\t"));
        assertThat(Cli.run("zfs-abstraction", "release-all", "--config", config.toString(), "--fs", fs, "--job",
                "foreign").exit()).isZero();
        assertThat(bookmarks(fs)).containsExactlyInAnyOrder(liar, "zrepl_replication_cursor");
        assertThat(holds(fs + "@s1")).containsExactly("keep");
        pool.zfs("release", "keep", fs + "@s1");
    }
}
