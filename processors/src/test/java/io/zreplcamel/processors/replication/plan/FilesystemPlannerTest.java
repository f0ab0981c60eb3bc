package io.zreplcamel.processors.replication.plan;

import static io.zreplcamel.processors.replication.plan.History.describe;
import static io.zreplcamel.processors.replication.plan.History.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FilesystemPlannerTest {

    static final String FS = "pool/data";

    static EndpointFilesystem fs(boolean placeholder, String token) {
        return new EndpointFilesystem(FS, placeholder, Optional.ofNullable(token), OptionalLong.empty());
    }

    static FilesystemPlan plan(List<FilesystemVersion> sender, List<FilesystemVersion> receiver,
            InitialReplication policy, boolean merge) {
        return FilesystemPlanner.plan(new PlanningInput(fs(false, null), sender, Optional.of(fs(false, null)),
                receiver, policy, merge));
    }

    static FilesystemPlan plan(List<FilesystemVersion> sender, List<FilesystemVersion> receiver, boolean merge) {
        return plan(sender, receiver, InitialReplication.MOST_RECENT, merge);
    }

    static FilesystemPlan resume(List<FilesystemVersion> sender, List<FilesystemVersion> receiver, String token,
            boolean merge) {
        return FilesystemPlanner.plan(new PlanningInput(fs(false, null), sender, Optional.of(fs(false, token)),
                receiver, InitialReplication.FAIL, merge));
    }

    static Conflict conflict(FilesystemPlan p, ConflictKind kind) {
        assertThat(p.failed()).as("plan %s", describe(p)).isTrue();
        assertThat(p.steps()).isEmpty();
        Conflict c = p.conflict().orElseThrow();
        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.message()).startsWith(FS + ": ");
        return c;
    }

    static List<String> ok(FilesystemPlan p) {
        assertThat(p.conflict()).isEmpty();
        assertThat(p.filesystem()).isEqualTo(FS);
        return describe(p);
    }

    // ---- placeholders ----

    @Test
    void aSenderPlaceholderHasNothingToSend() {
        for (Optional<EndpointFilesystem> receiver : List.of(Optional.<EndpointFilesystem>empty(),
                Optional.of(fs(true, null)))) {
            FilesystemPlan p = FilesystemPlanner.plan(new PlanningInput(fs(true, null), of("@a:1"), receiver,
                    of(), InitialReplication.ALL, false));
            assertThat(ok(p)).isEmpty();
        }
    }

    @Test
    void aSenderPlaceholderOverARealReceiverFilesystemIsAMismatch() {
        FilesystemPlan p = FilesystemPlanner.plan(new PlanningInput(fs(true, null), List.of(),
                Optional.of(fs(false, null)), of("@a:1"), InitialReplication.ALL, false));
        assertThat(conflict(p, ConflictKind.PLACEHOLDER_MISMATCH).message())
                .contains("sender filesystem is placeholder, but receiver filesystem is not");
    }

    @Test
    void aReceiverPlaceholderCountsAsHavingNoVersions() {
        // the listed versions must be ignored: they would otherwise be a divergence
        FilesystemPlan p = FilesystemPlanner.plan(new PlanningInput(fs(false, null), of("@a:1", "@b:2"),
                Optional.of(fs(true, null)), of("@x:9"), InitialReplication.MOST_RECENT, false));
        assertThat(ok(p)).containsExactly("full @b");
    }

    @Test
    void aMissingReceiverFilesystemIsInitialReplication() {
        FilesystemPlan p = FilesystemPlanner.plan(new PlanningInput(fs(false, null), of("@a:1", "@b:2"),
                Optional.empty(), of("@x:9"), InitialReplication.ALL, false));
        assertThat(ok(p)).containsExactly("full @a", "@a->@b");
    }

    // ---- initial replication policy ----

    @Test
    void mostRecentIsAFullSendOfTheNewestSnapshotByCreatetxgNotByName() {
        assertThat(ok(plan(of("@z:1", "@m:2", "#k:3", "@a:4", "#b:5"), of(), false))).containsExactly("full @a");
    }

    @Test
    void allIsAFullSendOfTheOldestThenEveryOtherSnapshot() {
        List<FilesystemVersion> sender = of("@a:1", "#x:2", "@b:3", "@c:4", "@d:5");
        assertThat(ok(plan(sender, of(), InitialReplication.ALL, false)))
                .containsExactly("full @a", "@a->@b", "@b->@c", "@c->@d");
        assertThat(ok(plan(sender, of(), InitialReplication.ALL, true)))
                .containsExactly("full @a", "@a->@d [@b @c]");
    }

    @Test
    void allWithOneSnapshotIsOneFullSend() {
        assertThat(ok(plan(of("#o:0", "@a:1"), of(), InitialReplication.ALL, true))).containsExactly("full @a");
        assertThat(ok(plan(of("@a:1", "@b:2"), of(), InitialReplication.ALL, true)))
                .containsExactly("full @a", "@a->@b");
    }

    @Test
    void failRefusesInitialReplication() {
        Conflict c = conflict(plan(of("@a:1"), of(), InitialReplication.FAIL, false),
                ConflictKind.INITIAL_REPLICATION_DISABLED);
        assertThat(c.message()).contains("initial replication is disabled in config", "initial_replication");
    }

    @Test
    void failDoesNotApplyToIncrementalReplication() {
        assertThat(ok(plan(of("@a:1", "@b:2"), of("@a:1"), InitialReplication.FAIL, false)))
                .containsExactly("@a->@b");
    }

    @ParameterizedTest
    @EnumSource(InitialReplication.class)
    void aSenderWithOnlyBookmarksCannotStartAReplication(InitialReplication policy) {
        conflict(plan(of("#a:1", "#b:2"), of(), policy, true), ConflictKind.SENDER_HAS_ONLY_BOOKMARKS);
    }

    @ParameterizedTest
    @EnumSource(InitialReplication.class)
    void aSenderWithoutVersionsHasNoSnapshots(InitialReplication policy) {
        conflict(plan(of(), of(), policy, false), ConflictKind.NO_SENDER_SNAPSHOTS);
        conflict(plan(of(), of("@a:1"), policy, false), ConflictKind.NO_SENDER_SNAPSHOTS);
    }

    // ---- incremental ----

    @Test
    void oneStepPerSnapshotFromTheCommonOne() {
        assertThat(ok(plan(of("@a:1", "@b:2", "@c:3", "@d:4"), of("@a:1", "@b:2"), false)))
                .containsExactly("@b->@c", "@c->@d");
    }

    @Test
    void mergedIntoOneDashCapitalIStepCarryingTheSnapshotsBetween() {
        assertThat(ok(plan(of("@a:1", "@b:2", "#x:3", "@c:4", "@d:5", "@e:6"), of("@a:1", "@b:2"), true)))
                .containsExactly("@b->@e [@c @d]");
    }

    @Test
    void aSingleIncrementalIsAPlainStepEvenWhenMerging() {
        FilesystemPlan p = plan(of("@a:1", "@b:2"), of("@a:1"), true);
        assertThat(ok(p)).containsExactly("@a->@b");
        assertThat(p.steps().get(0).includesIntermediates()).isFalse();
    }

    @Test
    void fromABookmark() {
        List<FilesystemVersion> sender = of("#a:1", "@b:2", "@c:3", "@d:4");
        assertThat(ok(plan(sender, of("@a:1"), false))).containsExactly("#a->@b", "@b->@c", "@c->@d");
    }

    @Test
    void aBookmarkSourceStaysAPlainStepBeforeTheMergedOne() {
        assertThat(ok(plan(of("#a:1", "@b:2", "@c:3", "@d:4"), of("@a:1"), true)))
                .containsExactly("#a->@b", "@b->@d [@c]");
        assertThat(ok(plan(of("#a:1", "@b:2", "@c:3"), of("@a:1"), true))).containsExactly("#a->@b", "@b->@c");
        assertThat(ok(plan(of("#a:1", "@b:2"), of("@a:1"), true))).containsExactly("#a->@b");
    }

    @Test
    void upToDateHasNoStepsAndNoConflict() {
        assertThat(ok(plan(of("@a:1", "@b:2"), of("@a:1", "@b:2"), true))).isEmpty();
        assertThat(ok(plan(of("@a:1", "#b:2"), of("@b:2"), false))).isEmpty();
    }

    @Test
    void divergedReceiverIsAConflict() {
        conflict(plan(of("@a:1", "@b:2", "@c:3"), of("@a:1", "@x:9"), InitialReplication.ALL, true),
                ConflictKind.DIVERGED);
    }

    @Test
    void unrelatedReceiverIsNoCommonAncestorWhateverThePolicy() {
        conflict(plan(of("@a:1", "@b:2"), of("@x:9"), InitialReplication.ALL, true),
                ConflictKind.NO_COMMON_ANCESTOR);
    }

    // ---- resume tokens ----

    private final List<FilesystemVersion> sender = of("@a:1", "@b:2", "@c:3", "@d:4");

    @Test
    void anInterruptedIncrementalIsResumedFirstThenTheRest() {
        String token = TestResumeTokens.token(1L, 2, FS + "@b");
        FilesystemPlan p = resume(sender, of("@a:1"), token, false);
        assertThat(ok(p)).containsExactly("resume @a->@b", "@b->@c", "@c->@d");
        assertThat(p.steps().get(0).resumeToken()).contains(token);
        assertThat(p.steps().subList(1, 3)).noneMatch(Step::resumed);
    }

    @Test
    void theRestIsMergedWhenMerging() {
        String token = TestResumeTokens.token(1L, 2, FS + "@b");
        assertThat(ok(resume(sender, of("@a:1"), token, true)))
                .containsExactly("resume @a->@b", "@b->@d [@c]");
    }

    @Test
    void anInterruptedDashCapitalIStreamResumesItsIntermediateSnapshot() {
        // a -I a..d stream stopped inside c: the token is the incremental b -> c
        String token = TestResumeTokens.token(2L, 3, FS + "@c");
        assertThat(ok(resume(sender, of("@a:1", "@b:2"), token, true))).containsExactly("resume @b->@c", "@c->@d");
    }

    @Test
    void anInterruptedFullSendIsResumedWithoutApplyingThePolicy() {
        // the policy is FAIL: resuming is not an initial-replication decision
        String token = TestResumeTokens.token(null, 1, FS + "@a");
        assertThat(ok(resume(sender, of(), token, false)))
                .containsExactly("resume full @a", "@a->@b", "@b->@c", "@c->@d");
    }

    @Test
    void resumingTheNewestSnapshotIsTheOnlyStep() {
        assertThat(ok(resume(sender, of("@c:3"), TestResumeTokens.token(3L, 4, FS + "@d"), true)))
                .containsExactly("resume @c->@d");
    }

    @Test
    void theIncrementalSourceMayBeABookmarkAndASnapshotIsPreferred() {
        String token = TestResumeTokens.token(1L, 2, FS + "@b");
        assertThat(ok(resume(of("#a:1", "@b:2"), of("@a:1"), token, false))).containsExactly("resume #a->@b");
        assertThat(ok(resume(of("#a:1:10", "@a:1:10", "@b:2:20"), of("@a:1"), token, false)))
                .containsExactly("resume @a->@b");
    }

    @Test
    void theTokenWinsOverWhatTheReceiversVersionsWouldSay() {
        // with a token, the diverged-looking receiver list is not consulted (zrepl does the same)
        String token = TestResumeTokens.token(1L, 2, FS + "@b");
        assertThat(ok(resume(sender, of("@a:1", "@x:9"), token, false))).first().isEqualTo("resume @a->@b");
    }

    @Test
    void aTokenWhoseSnapshotIsGoneIsStaleAndSaysHowToAbortIt() {
        String token = TestResumeTokens.token(1L, 77, FS + "@gone");
        Conflict c = conflict(resume(sender, of("@a:1"), token, false), ConflictKind.STALE_RESUME_TOKEN);
        assertThat(c.message()).contains("`toguid` = 77 not found on sender", FS + "@gone",
                "zfs receive -A " + FS);
    }

    @Test
    void aTokenWhoseSnapshotIsOnlyABookmarkIsStale() {
        String token = TestResumeTokens.token(1L, 2, FS + "@b");
        conflict(resume(of("@a:1", "#b:2", "@c:3"), of("@a:1"), token, false), ConflictKind.STALE_RESUME_TOKEN);
    }

    @Test
    void aTokenWhoseIncrementalSourceIsGoneIsStale() {
        String token = TestResumeTokens.token(55L, 2, FS + "@b");
        Conflict c = conflict(resume(sender, of("@a:1"), token, false), ConflictKind.STALE_RESUME_TOKEN);
        assertThat(c.message()).contains("`fromguid` = 55", "zfs receive -A " + FS);
    }

    @Test
    void guidsAreUnsignedInMessages() {
        String token = TestResumeTokens.token(1L, -2L, FS + "@gone");
        assertThat(conflict(resume(sender, of("@a:1"), token, false), ConflictKind.STALE_RESUME_TOKEN).message())
                .contains("`toguid` = 18446744073709551614 ");
    }

    @Test
    void anUndecodableTokenIsInvalid() {
        Conflict c = conflict(resume(sender, of("@a:1"), "1-deadbeef-20-0011", false),
                ConflictKind.INVALID_RESUME_TOKEN);
        assertThat(c.message()).contains("resume token is corrupt", "zfs receive -A " + FS);
        conflict(resume(sender, of("@a:1"), "garbage", false), ConflictKind.INVALID_RESUME_TOKEN);
    }

    @Test
    void aTokenFromAndToTheSameVersionIsInvalid() {
        conflict(resume(sender, of("@a:1"), TestResumeTokens.token(2L, 2, FS + "@b"), false),
                ConflictKind.INVALID_RESUME_TOKEN);
    }

    @Test
    void aBlankTokenIsNoToken() {
        assertThat(ok(resume(sender, of("@a:1", "@b:2", "@c:3"), " ", false))).containsExactly("@c->@d");
    }
}
