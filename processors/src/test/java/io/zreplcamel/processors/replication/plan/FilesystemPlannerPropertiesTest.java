package io.zreplcamel.processors.replication.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.model.FilesystemVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of planning over random histories. A history is one filesystem's snapshots s1..sN (guid i); the sender
 * kept each as snapshot, bookmark, both or neither; the receiver got some of s1..sk (with its own createtxgs), maybe
 * followed by snapshots of its own (a divergence), or has an unrelated history; the input lists are shuffled.
 */
class FilesystemPlannerPropertiesTest {

    private static final String FS = "pool/fs";
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    /** What the sender kept of s_i. */
    enum Kept { SNAPSHOT, BOOKMARK, BOTH, NONE }

    /** What the receiver has besides its copies of the sender's snapshots. */
    enum ReceiverKind { MISSING, PLACEHOLDER, EMPTY, RECEIVED, DIVERGED, UNRELATED }

    record History(List<FilesystemVersion> sender, List<FilesystemVersion> receiver, ReceiverKind kind,
            InitialReplication policy) {

        PlanningInput input(boolean merge) {
            Optional<EndpointFilesystem> r = switch (kind) {
                case MISSING -> Optional.empty();
                case PLACEHOLDER -> Optional.of(new EndpointFilesystem(FS, true, Optional.empty(),
                        OptionalLong.empty()));
                default -> Optional.of(EndpointFilesystem.of(FS));
            };
            return new PlanningInput(EndpointFilesystem.of(FS), sender, r, receiver, policy, merge);
        }

        Optional<FilesystemVersion> newestSenderSnapshot() {
            return sender.stream().filter(FilesystemVersion::isSnapshot)
                    .max(Comparator.comparingLong(FilesystemVersion::createTxg));
        }

        /** The receiver's snapshots as planning sees them (none for a missing filesystem or a placeholder). */
        List<FilesystemVersion> receiverSnapshots() {
            if (kind == ReceiverKind.MISSING || kind == ReceiverKind.PLACEHOLDER) {
                return List.of();
            }
            return receiver.stream().filter(FilesystemVersion::isSnapshot)
                    .sorted(Comparator.comparingLong(FilesystemVersion::createTxg)).toList();
        }
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<List<Kept>> kept = Arbitraries.of(Kept.class).list().ofMaxSize(9);
        Arbitrary<List<Boolean>> received = Arbitraries.of(true, false).list().ofSize(9);
        return Combinators.combine(kept, received, Arbitraries.integers().between(0, 9),
                Arbitraries.of(ReceiverKind.class), Arbitraries.of(InitialReplication.class),
                Arbitraries.integers().between(0, 3), Arbitraries.randoms())
                .as((keptList, receivedList, upTo, kind, policy, extra, random) -> {
                    List<FilesystemVersion> sender = new ArrayList<>();
                    List<FilesystemVersion> receiver = new ArrayList<>();
                    int n = keptList.size();
                    int k = Math.min(upTo, n); // the receiver got some of s1..sk, sk included
                    for (int i = 1; i <= n; i++) {
                        Kept what = keptList.get(i - 1);
                        long txg = 100L * i;
                        if (what == Kept.SNAPSHOT || what == Kept.BOTH) {
                            sender.add(FilesystemVersion.snapshot("s" + i, i, txg, BASE.plusSeconds(txg)));
                        }
                        if (what == Kept.BOOKMARK || what == Kept.BOTH) {
                            sender.add(FilesystemVersion.bookmark("s" + i, i, txg, BASE.plusSeconds(txg)));
                        }
                        boolean gotIt = i == k || (i < k && receivedList.get(i - 1));
                        if (gotIt && kind != ReceiverKind.EMPTY && kind != ReceiverKind.UNRELATED) {
                            receiver.add(FilesystemVersion.snapshot("s" + i, i, 7L * i, BASE.plusSeconds(txg)));
                        }
                    }
                    if (kind == ReceiverKind.DIVERGED || kind == ReceiverKind.UNRELATED) {
                        for (int j = 1; j <= extra + 1; j++) {
                            receiver.add(FilesystemVersion.snapshot("own" + j, 1000 + j, 7L * (n + j),
                                    BASE.plusSeconds(100_000 + j)));
                        }
                    }
                    if (random.nextBoolean()) {
                        // a receiver bookmark of its own never matters
                        receiver.add(FilesystemVersion.bookmark("rb", 5000, 3, BASE));
                    }
                    Collections.shuffle(sender, random);
                    Collections.shuffle(receiver, random);
                    return new History(sender, receiver, kind, policy);
                });
    }

    @Property(tries = 3000)
    void aPlanEndsAtTheNewestSenderSnapshot(@ForAll("histories") History h, @ForAll boolean merge) {
        FilesystemPlan plan = FilesystemPlanner.plan(h.input(merge));
        if (!plan.steps().isEmpty()) {
            assertThat(plan.steps().get(plan.steps().size() - 1).to()).isEqualTo(h.newestSenderSnapshot().get());
        }
        if (plan.steps().isEmpty() && !plan.failed() && h.newestSenderSnapshot().isPresent()) {
            // nothing to do only when the receiver's newest snapshot is the sender's newest one, or a newer one
            // of which the sender kept just a bookmark
            List<FilesystemVersion> r = h.receiverSnapshots();
            assertThat(r).isNotEmpty();
            long newestOnReceiver = r.get(r.size() - 1).guid();
            FilesystemVersion onSender = h.sender().stream().filter(v -> v.guid() == newestOnReceiver).findFirst()
                    .orElseThrow();
            assertThat(onSender.createTxg()).isGreaterThanOrEqualTo(h.newestSenderSnapshot().get().createTxg());
        }
    }

    @Property(tries = 3000)
    void usesOnlyVersionsTheSenderHas(@ForAll("histories") History h, @ForAll boolean merge) {
        FilesystemPlan plan = FilesystemPlanner.plan(h.input(merge));
        Set<FilesystemVersion> sender = Set.copyOf(h.sender());
        for (Step s : plan.steps()) {
            assertThat(sender).contains(s.to());
            s.from().ifPresent(f -> assertThat(sender).contains(f));
            assertThat(sender).containsAll(s.intermediates());
            assertThat(s.intermediates()).allMatch(FilesystemVersion::isSnapshot);
        }
    }

    @Property(tries = 3000)
    void neverPlansAcrossADivergence(@ForAll("histories") History h, @ForAll boolean merge) {
        FilesystemPlan plan = FilesystemPlanner.plan(h.input(merge));
        List<FilesystemVersion> r = h.receiverSnapshots();
        Set<Long> senderGuids = h.sender().stream().map(FilesystemVersion::guid).collect(Collectors.toSet());
        if (!r.isEmpty() && !senderGuids.contains(r.get(r.size() - 1).guid())) {
            assertThat(plan.failed()).isTrue();
            assertThat(plan.conflict().get().kind()).isIn(ConflictKind.DIVERGED, ConflictKind.NO_COMMON_ANCESTOR,
                    ConflictKind.NO_SENDER_SNAPSHOTS);
        }
        if (h.kind() == ReceiverKind.DIVERGED && !plan.failed()) {
            throw new AssertionError("planned over a diverged receiver: " + History.class.getSimpleName() + h);
        }
    }

    @Property(tries = 3000)
    void stepsChainFromWhatTheReceiverHas(@ForAll("histories") History h, @ForAll boolean merge) {
        FilesystemPlan plan = FilesystemPlanner.plan(h.input(merge));
        List<Step> steps = plan.steps();
        if (steps.isEmpty()) {
            return;
        }
        Set<Long> receiverGuids = h.receiverSnapshots().stream().map(FilesystemVersion::guid)
                .collect(Collectors.toSet());
        Step first = steps.get(0);
        if (first.from().isEmpty()) {
            assertThat(receiverGuids).isEmpty();
        } else {
            assertThat(receiverGuids).contains(first.from().get().guid());
        }
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).from()).contains(steps.get(i - 1).to());
            assertThat(steps.get(i).from().get().isSnapshot()).isTrue();
        }
        for (Step s : steps) {
            List<Long> txgs = new ArrayList<>();
            s.from().ifPresent(f -> txgs.add(f.createTxg()));
            s.intermediates().forEach(v -> txgs.add(v.createTxg()));
            txgs.add(s.to().createTxg());
            assertThat(txgs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Property(tries = 3000)
    void mergedAndUnmergedPlansReachTheSameSnapshots(@ForAll("histories") History h) {
        FilesystemPlan plain = FilesystemPlanner.plan(h.input(false));
        FilesystemPlan merged = FilesystemPlanner.plan(h.input(true));
        assertThat(merged.conflict()).isEqualTo(plain.conflict());
        assertThat(reached(merged)).isEqualTo(reached(plain));
        assertThat(plain.steps()).noneMatch(Step::includesIntermediates);
        // at most one plain bookmark step, one full step, one -I step
        assertThat(merged.steps()).hasSizeLessThanOrEqualTo(3);
        for (Step s : merged.steps()) {
            if (s.from().isPresent() && s.from().get().isBookmark()) {
                assertThat(s.includesIntermediates()).isFalse();
            }
        }
    }

    @Property(tries = 2000)
    void anUnmergedPlanSendsEverySenderSnapshotAfterTheReceiversNewest(@ForAll("histories") History h) {
        FilesystemPlan plan = FilesystemPlanner.plan(h.input(false));
        List<FilesystemVersion> r = h.receiverSnapshots();
        if (plan.failed() || r.isEmpty()) {
            return;
        }
        long newestOnReceiver = r.get(r.size() - 1).guid(); // = its index in the history
        List<FilesystemVersion> expected = h.sender().stream().filter(FilesystemVersion::isSnapshot)
                .filter(v -> v.guid() > newestOnReceiver)
                .sorted(Comparator.comparingLong(FilesystemVersion::createTxg)).toList();
        assertThat(plan.steps().stream().map(Step::to).toList()).isEqualTo(expected);
    }

    /**
     * With a token for the receive of s(k+1) from s(k) (the receiver's newest): either the resumed step first, chained
     * to the rest up to the newest snapshot, or a stale-token conflict exactly when the sender lost s(k+1) or s(k).
     */
    @Property(tries = 2000)
    void aResumedPlanStartsWithTheTokensStepOrIsStale(@ForAll("histories") History h, @ForAll boolean merge) {
        List<FilesystemVersion> r = h.receiverSnapshots();
        long from = r.isEmpty() ? 0 : r.get(r.size() - 1).guid();
        long to = from + 1;
        String token = TestResumeTokens.token(from == 0 ? null : from, to, FS + "@s" + to);
        PlanningInput plain = h.input(merge);
        PlanningInput input = new PlanningInput(plain.sender(), plain.senderVersions(),
                Optional.of(new EndpointFilesystem(FS, false, Optional.of(token), OptionalLong.empty())),
                plain.receiverVersions(), InitialReplication.FAIL, merge);
        FilesystemPlan plan = FilesystemPlanner.plan(input);
        boolean toKept = h.sender().stream().anyMatch(v -> v.isSnapshot() && v.guid() == to);
        boolean fromKept = from == 0 || h.sender().stream().anyMatch(v -> v.guid() == from);
        if (h.sender().isEmpty()) {
            assertThat(plan.conflict().get().kind()).isEqualTo(ConflictKind.NO_SENDER_SNAPSHOTS);
            return;
        }
        if (!toKept || !fromKept) {
            assertThat(plan.conflict().get().kind()).isEqualTo(ConflictKind.STALE_RESUME_TOKEN);
            return;
        }
        List<Step> steps = plan.steps();
        assertThat(steps.get(0).resumeToken()).contains(token);
        assertThat(steps.get(0).to().guid()).isEqualTo(to);
        assertThat(steps.get(0).from().map(FilesystemVersion::guid).orElse(0L)).isEqualTo(from);
        assertThat(steps.subList(1, steps.size())).noneMatch(Step::resumed);
        assertThat(steps.get(steps.size() - 1).to()).isEqualTo(h.newestSenderSnapshot().get());
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).from()).contains(steps.get(i - 1).to());
        }
    }

    /** The snapshots a plan puts on the receiver, in order. */
    private static List<FilesystemVersion> reached(FilesystemPlan plan) {
        Set<FilesystemVersion> out = new LinkedHashSet<>();
        for (Step s : plan.steps()) {
            out.addAll(s.intermediates());
            out.add(s.to());
        }
        return List.copyOf(out);
    }
}
