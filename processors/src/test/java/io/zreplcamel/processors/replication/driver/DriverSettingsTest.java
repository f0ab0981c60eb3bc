package io.zreplcamel.processors.replication.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.processors.testing.Jobs;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverSettingsTest {

    private final PushJob job = Jobs.push(List.of(Jobs.lastN(1)), List.of(Jobs.lastN(1)),
            GuaranteeKind.GUARANTEE_NOTHING);

    @Test
    void concurrencyAndProtectionComeFromTheJob() {
        DriverSettings s = DriverSettings.of(job, Clock.systemUTC(), name -> null);
        assertThat(s.concurrentSteps()).isEqualTo(job.replication().concurrentSteps());
        assertThat(s.concurrentSizeEstimates()).isEqualTo(job.replication().concurrentSizeEstimates());
        assertThat(s.protection().initial()).isEqualTo(GuaranteeKind.GUARANTEE_NOTHING);
        assertThat(s.mergeIncrementals()).isTrue();
        assertThat(s.abortStaleResumeToken()).isFalse();
    }

    @Test
    void abortStaleResumeTokenComesFromTheJob() {
        PushJob on = new PushJob(job.name(), job.connect(), job.filesystems(), job.snapshotting(), job.send(),
                job.pruning(), new Replication(GuaranteeKind.GUARANTEE_RESUMABILITY,
                        GuaranteeKind.GUARANTEE_RESUMABILITY, 2, 1, true), job.initialReplication());
        DriverSettings s = DriverSettings.of(on, Clock.systemUTC(), name -> null);
        assertThat(s.abortStaleResumeToken()).isTrue();
        assertThat(s.concurrentSteps()).isEqualTo(2);
    }

    @Test
    void malformedTunablesNameTheVariable() {
        assertThatThrownBy(() -> DriverSettings.of(job, Clock.systemUTC(),
                Map.of(DriverSettings.MAX_ATTEMPTS_ENV, "three")::get))
                .hasMessageContaining("ZREPL_REPLICATION_MAX_ATTEMPTS");
        assertThatThrownBy(() -> DriverSettings.of(job, Clock.systemUTC(),
                Map.of(DriverSettings.MAX_ATTEMPTS_ENV, "0")::get))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> DriverSettings.of(job, Clock.systemUTC(),
                Map.of(DriverSettings.RECONNECT_INTERVAL_ENV, "soon")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZREPL_REPLICATION_RECONNECT_INTERVAL");
    }
}
