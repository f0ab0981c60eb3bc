package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** zrepl's signal rules as JobSignals' states: a wakeup only while waiting, a reset only while invoking. */
class JobSignalsTest {

    private final JobSignals signals = new JobSignals("backup", true);

    @Test
    void aWakeupStartsTheNextRunAndLearnsHowItEnded() {
        assertThat(signals.startIfWoken()).isFalse();
        CompletableFuture<JobSignals.RunOutcome> run = signals.wakeup();
        // more wakeups before the run starts are the same run
        assertThatThrownBy(signals::wakeup).isInstanceOf(SignalRefusedException.class)
                .hasMessage("job backup: already woken up (the woken run has not started yet)");
        assertThat(signals.startIfWoken()).isTrue();
        assertThatThrownBy(signals::wakeup).hasMessageStartingWith("job backup: already woken up (a run is in"
                + " progress");
        assertThat(run).isNotDone();
        signals.finished(new JobSignals.RunOutcome(false, "invocation finished"));
        assertThat(run.join()).isEqualTo(new JobSignals.RunOutcome(false, "invocation finished"));
        assertThat(signals.startIfWoken()).isFalse();
        assertThat(signals.wakeup()).isNotDone();
    }

    @Test
    void aScheduledRunRefusesWakeupsAndServesOneThatCameJustBeforeIt() {
        signals.startScheduled();
        assertThatThrownBy(signals::wakeup).hasMessageContaining("a run is in progress");
        signals.finished(new JobSignals.RunOutcome(true, "with errors"));

        CompletableFuture<JobSignals.RunOutcome> run = signals.wakeup();
        signals.startScheduled(); // the schedule was due on the same tick
        signals.finished(new JobSignals.RunOutcome(true, "with errors"));
        assertThat(run.join().failed()).isTrue();
    }

    @Test
    void aResetInterruptsTheInvokingThreadOnceAndTheInterruptIsClearedAfterwards() {
        assertThatThrownBy(signals::reset).hasMessage("job backup: not running an invocation (nothing to reset)");
        signals.startScheduled();
        signals.invoking();
        signals.reset();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThatThrownBy(signals::reset).hasMessage("job backup: already reset");
        assertThat(signals.invoked()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThatThrownBy(signals::reset).hasMessage("job backup: not running an invocation (nothing to reset)");
        signals.invoking();
        assertThat(signals.invoked()).isFalse();
    }

    @Test
    void snapJobsCannotBeReset() {
        JobSignals snap = new JobSignals("hourly", false);
        snap.startScheduled();
        snap.invoking();
        assertThatThrownBy(snap::reset).hasMessage("job hourly: a snap job cannot be reset (only woken up)");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aRunThatEndedWithoutItsReportOrADaemonStopFailsTheWaiter() {
        CompletableFuture<JobSignals.RunOutcome> run = signals.wakeup();
        assertThat(signals.startIfWoken()).isTrue();
        // the next tick: the previous exchange is over without a report
        assertThat(signals.startIfWoken()).isFalse();
        assertThatThrownBy(run::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("the run of job backup ended without its report");

        CompletableFuture<JobSignals.RunOutcome> second = signals.wakeup();
        signals.stopped();
        assertThatThrownBy(second::join).hasMessageContaining("the daemon stopped before the run of job backup ended");
        assertThat(signals.wakeup()).isNotDone();
    }
}
