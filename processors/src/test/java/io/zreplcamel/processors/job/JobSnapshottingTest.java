package io.zreplcamel.processors.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.values.TimestampFormat;
import io.zreplcamel.processors.snapshotting.SnapshotRunReport;
import io.zreplcamel.processors.testing.Jobs;
import io.zreplcamel.zfs.Zfs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The snapshotting part works for a push job as for a snap job (the route tests cover the zfs side). */
class JobSnapshottingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final Supplier<Zfs> NO_ZFS = () -> {
        throw new AssertionError("must not list datasets");
    };

    private static PushJob push(Snapshotting snapshotting) {
        return new PushJob("push", new Connect.Local("sink", "c", Duration.ofSeconds(10)),
                FilesystemFilter.acceptAll(), snapshotting, SendOptions.DEFAULTS,
                new Pruning(List.of(Jobs.lastN(1)), List.of(Jobs.lastN(1))), Replication.DEFAULTS,
                InitialReplication.MOST_RECENT);
    }

    @Test
    void manualPushJobTakesNoSnapshotsAndHasNoSchedule() {
        JobSnapshotting s = new JobSnapshotting(push(new Snapshotting.Manual()), new LocalDatasets(NO_ZFS),
                (fs, name) -> {
                    throw new AssertionError("must not snapshot");
                }, (hook, env) -> null, CLOCK, ZoneOffset.UTC);

        SnapshotRunReport r = s.snapshot();

        assertThat(r.filesystems()).isEmpty();
        assertThat(s.firstRun()).isEmpty();
        assertThat(s.periodic()).isFalse();
        assertThat(s.firstRunRetryWait()).isEqualTo(JobSnapshotting.MIN_RETRY_WAIT);
    }

    @Test
    void periodicPushJobRetriesAfterOneInterval() {
        Snapshotting.Periodic p = new Snapshotting.Periodic("zrepl_", Duration.ofMinutes(10),
                TimestampFormat.dense(), List.of(), false);
        JobSnapshotting s = new JobSnapshotting(push(p), new LocalDatasets(NO_ZFS), (fs, name) -> { },
                (hook, env) -> null, CLOCK, ZoneOffset.UTC);

        assertThat(s.periodic()).isTrue();
        assertThat(s.firstRunRetryWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.job().name()).isEqualTo("push");
    }
}
