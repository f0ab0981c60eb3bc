package io.zreplcamel.processors.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.cron.CronSchedule;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.values.TimestampFormat;
import io.zreplcamel.processors.snapshotting.SnapshotSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the snap job's timer tick starts a run: first run, next run after a start, skipped cron fire times. */
class SnapJobTriggerTest {

    private static final Instant T0 = Instant.parse("2024-05-14T21:00:00Z");

    private static SnapJobTrigger periodic(Duration interval) {
        return new SnapJobTrigger(new SnapshotSchedule(new Snapshotting.Periodic("zrepl_", interval,
                TimestampFormat.dense(), List.of(), false), ZoneOffset.UTC));
    }

    private static SnapJobTrigger cron(String spec) {
        return new SnapJobTrigger(new SnapshotSchedule(new Snapshotting.Cron("zrepl_", CronSchedule.parse(spec),
                TimestampFormat.dense(), List.of(), false), ZoneOffset.UTC));
    }

    @Test
    void aFailedFirstRunComputationIsRetriedOnlyAtTheGivenTime() {
        SnapJobTrigger t = periodic(Duration.ofMinutes(10));
        assertThat(t.mayInitialize(T0)).isTrue();
        t.initializationFailed(T0.plus(Duration.ofMinutes(10)));
        assertThat(t.retryInitializationAt()).contains(T0.plus(Duration.ofMinutes(10)));
        assertThat(t.mayInitialize(T0.plusSeconds(1))).isFalse();
        assertThat(t.mayInitialize(T0.plus(Duration.ofMinutes(10)).minusMillis(1))).isFalse();
        assertThat(t.mayInitialize(T0.plus(Duration.ofMinutes(10)))).isTrue();
        t.initialize(Optional.of(T0.plus(Duration.ofMinutes(11))));
        assertThat(t.mayInitialize(T0.plus(Duration.ofHours(1)))).as("initialized: nothing to retry").isFalse();
        assertThat(t.retryInitializationAt()).isEmpty();
    }

    @Test
    void nothingIsDueBeforeTheFirstRunIsKnownOrWhenItIsNever() {
        SnapJobTrigger t = periodic(Duration.ofMinutes(10));
        assertThat(t.isDue(T0)).isFalse();
        t.initialize(Optional.empty()); // manual snapshotting
        assertThat(t.initialized()).isTrue();
        assertThat(t.isDue(T0.plus(Duration.ofDays(365)))).isFalse();
    }

    @Test
    void periodicRunsIntervalAfterTheStartAndAtOnceWhenARunOverran() {
        SnapJobTrigger t = periodic(Duration.ofMinutes(10));
        t.initialize(Optional.of(T0));
        assertThat(t.isDue(T0.minusMillis(1))).isFalse();
        assertThat(t.isDue(T0)).isTrue();
        t.started(T0.plusSeconds(1));
        assertThat(t.nextRun()).contains(T0.plusSeconds(601));
        // the run took 15 minutes: no skipping for periodic, the next run is simply due now
        assertThat(t.finished(T0.plus(Duration.ofMinutes(15)), true)).isZero();
        assertThat(t.isDue(T0.plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(t.skipped()).isZero();
    }

    @Test
    void cronFireTimesThatPassDuringARunAreSkippedAndCounted() {
        SnapJobTrigger t = cron("*/5 * * * * *");
        t.initialize(Optional.of(T0));
        t.started(T0);
        assertThat(t.nextRun()).contains(T0.plusSeconds(5));
        // a run of 12 s misses the fire times at +5 and +10; the next is +15
        assertThat(t.finished(T0.plusSeconds(12), false)).isEqualTo(2);
        assertThat(t.nextRun()).contains(T0.plusSeconds(15));
        assertThat(t.isDue(T0.plusSeconds(14))).isFalse();
        t.started(T0.plusSeconds(15));
        assertThat(t.finished(T0.plusSeconds(16), false)).isZero();
        assertThat(t.skipped()).isEqualTo(2);
        assertThat(t.nextRun()).contains(T0.plusSeconds(20));
    }
}
