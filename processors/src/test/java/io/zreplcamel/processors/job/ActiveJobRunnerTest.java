package io.zreplcamel.processors.job;

import static io.zreplcamel.processors.testing.Jobs.lastN;
import static io.zreplcamel.processors.testing.Jobs.notReplicated;
import static io.zreplcamel.processors.testing.Jobs.push;
import static io.zreplcamel.processors.testing.Versions.bookmarkOf;
import static io.zreplcamel.processors.testing.Versions.snap;
import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.driver.DriverSettings;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.driver.TestDrivers;
import io.zreplcamel.processors.testing.FakeReceiver;
import io.zreplcamel.processors.testing.FakeSender;
import io.zreplcamel.processors.testing.SimplePlanner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveJobRunnerTest {

    private final FakeSender sender = new FakeSender();
    private final FakeReceiver receiver = new FakeReceiver(sender);
    private final Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    private final FilesystemVersion[] s = {snap("s1", 1), snap("s2", 2), snap("s3", 3), snap("s4", 4),
            snap("s5", 5)};

    private ActiveJobRunner runner(PushJob job) {
        DriverSettings settings = DriverSettings.of(job, clock, name -> null);
        return new ActiveJobRunner(job, clock, TestDrivers.withPlanner(settings, new SimplePlanner()));
    }

    @Test
    void replicatesThenPrunesSenderThenReceiver() {
        sender.filesystem("pool/a", s);
        PushJob job = push(List.of(notReplicated(), lastN(2)), List.of(lastN(3)),
                GuaranteeKind.GUARANTEE_RESUMABILITY);
        ActiveJobRunner runner = runner(job);
        assertThat(runner.currentReplication()).isEmpty();

        InvocationReport r = runner.invoke(sender, receiver);

        assertThat(r.job()).isEqualTo("push");
        assertThat(r.replication().successful()).isTrue();
        // full send of s1, then one -I stream through s5 (DriverSettings.of merges incrementals)
        assertThat(receiver.received).hasSize(2);
        assertThat(r.senderPruning().destroyed()).containsExactly("pool/a@s1", "pool/a@s2", "pool/a@s3");
        assertThat(r.receiverPruning().destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(sender.snapshotNames("pool/a")).containsExactly("s4", "s5");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("s3", "s4", "s5");
        // sender pruning after the last step, receiver pruning after the sender's
        int lastCompleted = sender.calls.lastIndexOf("sendCompleted pool/a @s1 => @s5");
        int senderDestroy = indexOf(sender.calls, "destroySnapshots");
        assertThat(lastCompleted).isGreaterThanOrEqualTo(0).isLessThan(senderDestroy);
        assertThat(runner.currentReplication()).isPresent();
        assertThat(r.started()).isEqualTo(clock.instant());
    }

    @Test
    void pruningRunsWhenReplicationFailed() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s[0], s[1], s[2]);
        sender.cursor("pool/a", bookmarkOf(s[2], "cursor"));
        sender.onSend = req -> {
            throw new IllegalStateException("zfs send: I/O error");
        };
        PushJob job = push(List.of(notReplicated(), lastN(1)), List.of(lastN(1)),
                GuaranteeKind.GUARANTEE_RESUMABILITY);

        InvocationReport r = runner(job).invoke(sender, receiver);

        assertThat(r.replication().successful()).isFalse();
        assertThat(r.replication().lastAttempt().orElseThrow().filesystems().get(0).state())
                .isEqualTo(FilesystemState.FAILED);
        // the cursor still protects what the next replication needs: s3 onwards on the sender
        assertThat(r.senderPruning().destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(r.receiverPruning().destroyed()).containsExactly("pool/a@s1", "pool/a@s2");
        assertThat(receiver.snapshotNames("pool/a")).containsExactly("s3");
    }

    @Test
    void pruningRunsWhenListingFailed() {
        sender.filesystem("pool/a", s);
        receiver.filesystem("pool/a", s);
        sender.cursor("pool/a", bookmarkOf(s[4], "cursor"));
        receiver.listFilesystemsFailures.add(new IllegalStateException("zfs list: pool is suspended"));
        PushJob job = push(List.of(lastN(1)), List.of(lastN(1)), GuaranteeKind.GUARANTEE_RESUMABILITY);

        InvocationReport r = runner(job).invoke(sender, receiver);

        assertThat(r.replication().filesystemErrors()).isEqualTo(-1);
        assertThat(r.senderPruning().destroyed()).hasSize(4);
        assertThat(r.receiverPruning().destroyed()).hasSize(4);
    }

    @Test
    void settingsComeFromTheJobAndTheEnvironment() {
        PushJob job = push(List.of(lastN(1)), List.of(lastN(1)), GuaranteeKind.GUARANTEE_INCREMENTAL);
        DriverSettings d = DriverSettings.of(job, clock, Map.of("ZREPL_REPLICATION_MAX_ATTEMPTS", "5",
                "ZREPL_REPLICATION_RECONNECT_INTERVAL", "1m30s")::get);
        assertThat(d.maxAttempts()).isEqualTo(5);
        assertThat(d.reconnectWait()).hasSeconds(90);
        assertThat(d.protection().incremental()).isEqualTo(GuaranteeKind.GUARANTEE_INCREMENTAL);
        assertThat(d.policy()).isEqualTo(job.initialReplication());
        DriverSettings defaults = DriverSettings.of(job, clock, name -> null);
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.reconnectWait()).hasSeconds(10);
    }

    private static int indexOf(List<String> calls, String prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
