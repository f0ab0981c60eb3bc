package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPlanCommandTest {

    // the real tokens of TestDecodeResumeTokenCommandTest: INC is zreplplatformtest/src@a -> @b, FULL_RAW @a
    static final String GUID_A = "10710134267608266841";
    static final String GUID_B = "17835627815740247930";

    @TempDir
    Path dir;

    String file(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n").toString();
    }

    static String v(String name, String guid, int txg) {
        return name + "\t" + guid + "\t" + txg + "\t2026-01-0" + (txg % 9 + 1) + "T10:00:00Z";
    }

    static CliRun plan(String... args) {
        List<String> all = new ArrayList<>(List.of("test", "plan"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    String sender() throws IOException {
        return file("sender.tsv", v("tank/src@a", GUID_A, 1), v("tank/src@b", GUID_B, 2), v("tank/src@c", "3", 3),
                v("tank/src@d", "4", 4));
    }

    @Test
    void jsonOfAMergedIncrementalNamesTheSnapshotsItCarries() throws IOException {
        CliRun r = plan("--sender-from", sender(), "--receiver-from", file("r.tsv", v("backup/src@a", GUID_A, 7)),
                "--merge-incrementals", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                {
                  "steps": [
                    {
                      "from": "@a",
                      "to": "@d",
                      "resumed": false,
                      "intermediates": [
                        "@b",
                        "@c"
                      ]
                    }
                  ],
                  "conflict": null
                }
                """);
    }

    @Test
    void textOfAnInitialReplicationOfAllSnapshots() throws IOException {
        CliRun r = plan("--sender-from", sender(), "--receiver-from", file("empty.tsv"), "--policy", "all");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                tank/src: 4 steps
                  1. full @a
                  2. incremental @a -> @b
                  3. incremental @b -> @c
                  4. incremental @c -> @d
                """);
    }

    @Test
    void withoutAReceiverFileTheFilesystemIsMissingAndMostRecentIsTheDefault() throws IOException {
        CliRun r = plan("--sender-from", sender());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("tank/src: 1 step\n  1. full @d\n");
    }

    @Test
    void aLineStartingWithHashIsABookmarkAndBlankLinesAreSkipped() throws IOException {
        String sender = file("s.tsv", "", v("#a", GUID_A, 1), "  ", v("@b", GUID_B, 2), v("@c", "3", 3));
        CliRun r = plan("--sender-from", sender, "--receiver-from", file("r.tsv", v("@a", GUID_A, 1)),
                "--merge-incrementals", "--filesystem", "pool/fs");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                pool/fs: 2 steps
                  1. incremental #a -> @b
                  2. incremental @b -> @c
                """);
    }

    @Test
    void upToDate() throws IOException {
        CliRun r = plan("--sender-from", file("s.tsv", v("@a", GUID_A, 1)), "--receiver-from",
                file("r.tsv", v("@a", GUID_A, 1)), "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("{\n  \"steps\": [],\n  \"conflict\": null\n}\n");
    }

    @Test
    void anInterruptedReceiveIsResumedFirst() throws IOException {
        CliRun r = plan("--sender-from", sender(), "--receiver-from", file("r.tsv", v("@a", GUID_A, 1)),
                "--resume-token", TestDecodeResumeTokenCommandTest.INC, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                {
                  "steps": [
                    {
                      "from": "@a",
                      "to": "@b",
                      "resumed": true
                    },
                    {
                      "from": "@b",
                      "to": "@c",
                      "resumed": false
                    },
                    {
                      "from": "@c",
                      "to": "@d",
                      "resumed": false
                    }
                  ],
                  "conflict": null
                }
                """);
        CliRun text = plan("--sender-from", sender(), "--resume-token", TestDecodeResumeTokenCommandTest.FULL_RAW,
                "--policy", "fail", "--merge-incrementals");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("""
                tank/src: 2 steps
                  1. resume full @a (receiver's resume token)
                  2. incremental -I @a -> @d (carries @b, @c)
                """);
    }

    @Test
    void aStaleTokenIsAConflictThatSaysHowToAbortTheReceive() throws IOException {
        String sender = file("s.tsv", v("tank/src@a", GUID_A, 1), v("tank/src@c", "3", 3));
        CliRun r = plan("--sender-from", sender, "--receiver-from", file("r.tsv", v("@a", GUID_A, 1)),
                "--resume-token", TestDecodeResumeTokenCommandTest.INC, "--json");
        assertThat(r.exit()).isEqualTo(TestPlanCommand.EXIT_CONFLICT).isEqualTo(3);
        assertThat(r.out()).startsWith("""
                {
                  "steps": [],
                  "conflict": {
                    "kind": "stale-resume-token",
                    "message": "tank/src: resume token `toguid` = %s not found on sender""".formatted(GUID_B))
                .contains("zfs receive -A tank/src");
    }

    @Test
    void anUndecodableTokenIsAnInvalidTokenConflict() throws IOException {
        CliRun r = plan("--sender-from", sender(), "--resume-token", "1-nonsense");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("conflict invalid-resume-token: tank/src: ");
    }

    @Test
    void conflictsExitThreeWithTheirKind() throws IOException {
        CliRun diverged = plan("--sender-from", sender(), "--receiver-from",
                file("r.tsv", v("@a", GUID_A, 1), v("@x", "99", 2)));
        assertThat(diverged.exit()).isEqualTo(3);
        assertThat(diverged.out()).startsWith("conflict diverged: tank/src: the receiver's latest snapshot is not "
                + "present on sender").contains("receiver only: @x");
        CliRun unrelated = plan("--sender-from", sender(), "--receiver-from", file("u.tsv", v("@x", "99", 2)),
                "--json");
        assertThat(unrelated.exit()).isEqualTo(3);
        assertThat(unrelated.out()).contains("\"kind\": \"no-common-ancestor\"");
        CliRun disabled = plan("--sender-from", sender(), "--receiver-from", file("e.tsv"), "--policy", "fail");
        assertThat(disabled.exit()).isEqualTo(3);
        assertThat(disabled.out()).startsWith("conflict initial-replication-disabled: ");
        CliRun bookmarks = plan("--sender-from", file("b.tsv", v("#a", GUID_A, 1)));
        assertThat(bookmarks.exit()).isEqualTo(3);
        assertThat(bookmarks.out()).startsWith("conflict sender-has-only-bookmarks: ");
        CliRun nothing = plan("--sender-from", file("n.tsv"));
        assertThat(nothing.exit()).isEqualTo(3);
        assertThat(nothing.out()).startsWith("conflict no-sender-snapshots: filesystem: ");
    }

    @Test
    void badLinesExitTwoNamingFileAndLine() throws IOException {
        String good = v("@a", GUID_A, 1);
        String[][] cases = {
            {"@a\t1\t2", "expected name<TAB>guid<TAB>createtxg<TAB>creation, got 3 field(s)"},
            {"a\t1\t2\t2026-01-01T00:00:00Z", "not a snapshot or bookmark name"},
            {"tank@a@b\t1\t2\t2026-01-01T00:00:00Z", "not a snapshot or bookmark name"},
            {"tank@\t1\t2\t2026-01-01T00:00:00Z", "not a snapshot or bookmark name"},
            {"@b\t-1\t2\t2026-01-01T00:00:00Z", "guid is not an unsigned decimal number: -1"},
            {"@b\t1\tx\t2026-01-01T00:00:00Z", "createtxg is not a non-negative number: x"},
            {"@b\t1\t2\tyesterday", "creation: not an ISO-8601 instant"},
            {good, "listed twice: @a"},
        };
        for (String[] c : cases) {
            String f = file("bad.tsv", good, "", c[0]);
            CliRun r = plan("--sender-from", f);
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).as(c[0]).startsWith("zrepl-camel test plan: " + f + ":3: ").contains(c[1]);
        }
        String mixed = file("mixed.tsv", v("tank/a@x", "1", 1), v("tank/b@y", "2", 2));
        assertThat(plan("--sender-from", mixed).err()).contains("versions of more than one dataset (tank/a, tank/b)");
    }

    @Test
    void badOptionsExitTwo() throws IOException {
        CliRun policy = plan("--sender-from", sender(), "--policy", "newest");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.err()).contains("--policy must be most_recent, all or fail, not \"newest\"");
        assertThat(plan().exit()).isEqualTo(2);
        CliRun missing = plan("--sender-from", dir.resolve("nope.tsv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
    }
}
