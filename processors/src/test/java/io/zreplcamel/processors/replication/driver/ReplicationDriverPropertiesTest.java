package io.zreplcamel.processors.replication.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.testing.FakeReceiver;
import io.zreplcamel.processors.testing.FakeSender;
import io.zreplcamel.processors.testing.SimplePlanner;
import io.zreplcamel.processors.testing.Versions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The scheduler over random filesystem trees, snapshot times, failing filesystems and slot counts: a child never
 * starts receiving before its parent is on the receiver, the slots are never exceeded, a failure reaches exactly the
 * failed filesystem and its descendants, everything else is replicated.
 */
class ReplicationDriverPropertiesTest {

    @Property(tries = 300)
    void schedulingInvariants(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = -1, max = 7) Integer> parentOf,
                              @ForAll @Size(min = 8, max = 8) List<@IntRange(min = 1, max = 40) Integer> firstTxg,
                              @ForAll long failMask, @ForAll @IntRange(min = 1, max = 4) int slots) {
        int n = parentOf.size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int p = parentOf.get(i);
            names.add(p >= 0 && p < i ? names.get(p) + "/n" + i : "pool/n" + i);
        }
        FakeSender sender = new FakeSender();
        FakeReceiver receiver = new FakeReceiver(sender);
        sender.bytesPerStep = 64;
        for (int i = 0; i < n; i++) {
            int t = firstTxg.get(i);
            sender.filesystem(names.get(i), Versions.snap("a" + i, t), Versions.snap("b" + i, t + 3));
        }
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (((failMask >> i) & 1) == 1 && ((failMask >> (i + 16)) & 1) == 1) {
                failing.add(names.get(i));
            }
        }
        sender.onSend = r -> {
            if (failing.contains(r.filesystem())) {
                throw new IllegalStateException("send failed");
            }
        };
        List<String> violations = new CopyOnWriteArrayList<>();
        receiver.beforeReading = step -> {
            for (String other : names) {
                if (FilesystemProgress.isParent(other, step.filesystem()) && !receiver.has(other)) {
                    violations.add(step.filesystem() + " before its parent " + other);
                }
            }
        };
        DriverSettings s = new DriverSettings(1, Duration.ZERO, slots, 2, InitialReplication.ALL,
                new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY, GuaranteeKind.GUARANTEE_RESUMABILITY), false,
                Clock.systemUTC());

        ReplicationReport report = new ReplicationDriver(s, new SimplePlanner(), d -> { }).run(sender, receiver);

        assertThat(violations).isEmpty();
        assertThat(receiver.steps.max()).isLessThanOrEqualTo(slots);
        Map<String, FilesystemState> states = report.lastAttempt().orElseThrow().filesystems().stream()
                .collect(Collectors.toMap(FilesystemReport::filesystem, FilesystemReport::state));
        for (String fs : names) {
            boolean ancestorFailed = failing.stream().anyMatch(f -> FilesystemProgress.isParent(f, fs));
            // a failing filesystem below a failed one is never tried
            FilesystemState expected = ancestorFailed ? FilesystemState.SKIPPED
                    : failing.contains(fs) ? FilesystemState.FAILED : FilesystemState.DONE;
            assertThat(states.get(fs)).as(fs).isEqualTo(expected);
            if (expected == FilesystemState.DONE) {
                assertThat(receiver.snapshotNames(fs)).hasSize(2);
            } else {
                assertThat(receiver.has(fs)).as(fs + " not received").isFalse();
            }
        }
    }
}
