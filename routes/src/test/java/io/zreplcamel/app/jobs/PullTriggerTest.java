package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.PullInterval;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** zrepl's pull ticker: first run one interval after start, a tick missed during a run queued once, manual never. */
class PullTriggerTest {

    private static final Instant T0 = Instant.parse("2024-05-14T10:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(1);

    @Test
    void firstRunIsOneIntervalAfterStartThenEveryInterval() {
        PullTrigger t = new PullTrigger(PullInterval.of(MIN), T0);
        assertThat(t.isDue(T0)).isFalse();
        assertThat(t.isDue(T0.plusSeconds(59))).isFalse();
        assertThat(t.isDue(T0.plusSeconds(60))).isTrue();
        t.started(T0.plusSeconds(60));
        assertThat(t.finished(T0.plusSeconds(70))).isFalse();
        assertThat(t.isDue(T0.plusSeconds(100))).isFalse();
        assertThat(t.nextRun()).contains(T0.plusSeconds(120));
        assertThat(t.isDue(T0.plusSeconds(120))).isTrue();
    }

    @Test
    void aRunLongerThanTheIntervalQueuesOneRunAndDropsTheOtherTicks() {
        PullTrigger t = new PullTrigger(PullInterval.of(MIN), T0);
        t.started(T0.plusSeconds(60));
        // ran until 3.5 intervals later: ticks at 120, 180, 240 passed
        assertThat(t.finished(T0.plusSeconds(270))).isTrue();
        assertThat(t.isDue(T0.plusSeconds(270))).isTrue();
        t.started(T0.plusSeconds(271));
        assertThat(t.finished(T0.plusSeconds(275))).isFalse();
        assertThat(t.isDue(T0.plusSeconds(290))).isFalse();
        assertThat(t.nextRun()).contains(T0.plusSeconds(300));
    }

    @Test
    void manualIsNeverDue() {
        PullTrigger t = new PullTrigger(PullInterval.manual(), T0);
        assertThat(t.isDue(T0.plus(Duration.ofDays(365)))).isFalse();
        assertThat(t.nextRun()).isEmpty();
        assertThat(t.finished(T0.plusSeconds(1))).isFalse();
    }
}
