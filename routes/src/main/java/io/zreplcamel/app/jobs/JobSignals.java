package io.zreplcamel.app.jobs;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * zrepl's wakeup and reset signals of one push, pull or snap job ({@code zrepl-camel signal wakeup|reset JOB}),
 * as state shared by the control socket's threads and the job's route.
 *
 * <p>As in zrepl (spec §20: unbuffered, non-blocking channels) a signal is accepted only in the state it makes sense
 * in, and refused otherwise, never queued: a wakeup only while the job is waiting for its next run ("already woken
 * up" while a woken run has not started yet or any run is in progress: several wakeups before the run starts are
 * one run); a reset only while an invocation (replication and pruning) is running ("already reset" while one was
 * asked for, "not running" otherwise). Snap jobs accept only wakeup.
 *
 * <p>The route drives it: on each timer tick its bean's {@code due} asks {@link #startIfWoken} (a woken run starts
 * now, whatever the schedule says) or, when the schedule says a run is due, {@link #startScheduled}; the bean's
 * {@code report} calls {@link #finished}, which completes what a {@code --wait} waits for. The job's timer is a
 * stateful Quartz job, so ticks never overlap: a tick that finds a run still marked running knows that the previous
 * exchange ended without its report (an exception in a route step), and lets the waiter know.
 */
public final class JobSignals {

    private enum State { WAITING, WOKEN, RUNNING }

    private final String jobName;
    private final boolean resettable;
    private State state = State.WAITING;
    /** The outcome a wakeup's caller waits for: of the woken run (null for a scheduled run nobody woke). */
    private CompletableFuture<RunOutcome> waiter;
    private Thread invoking;
    private boolean resetAsked;

    /**
     * @param resettable whether {@link #reset} applies (push and pull jobs; a snap job has no invocation to cancel)
     */
    public JobSignals(String jobName, boolean resettable) {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.resettable = resettable;
    }

    public String jobName() {
        return jobName;
    }

    /** For status: {@code waiting}, {@code woken} or {@code running}. */
    public synchronized String stateName() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Wakes the job: its next run starts on the next tick of its timer, whatever its schedule. The future completes
     * when that run has ended (exceptionally if it ended without a report or the daemon stopped first).
     *
     * @throws SignalRefusedException when the job is not waiting for its next run
     */
    public synchronized CompletableFuture<RunOutcome> wakeup() {
        switch (state) {
            case WOKEN -> throw new SignalRefusedException("job " + jobName + ": already woken up (the woken run has"
                    + " not started yet)");
            case RUNNING -> throw new SignalRefusedException("job " + jobName + ": already woken up (a run is in"
                    + " progress; as in zrepl, a wakeup is accepted only while the job waits for its next run)");
            default -> {
                state = State.WOKEN;
                waiter = new CompletableFuture<>();
                return waiter;
            }
        }
    }

    /**
     * Cancels the running invocation: interrupts the thread running it (the replication driver ends the run, its
     * unfinished filesystems failed; pruning is skipped). The run still ends with its report.
     *
     * @throws SignalRefusedException for a snap job, when no invocation is running, or when a reset was asked already
     */
    public synchronized void reset() {
        if (!resettable) {
            throw new SignalRefusedException("job " + jobName + ": a snap job cannot be reset (only woken up)");
        }
        if (invoking == null) {
            throw new SignalRefusedException("job " + jobName + ": not running an invocation (nothing to reset)");
        }
        if (resetAsked) {
            throw new SignalRefusedException("job " + jobName + ": already reset");
        }
        resetAsked = true;
        invoking.interrupt();
    }

    /** A tick: if the job was woken, its run starts now; returns whether it did. */
    synchronized boolean startIfWoken() {
        abandonUnfinishedRun();
        if (state != State.WOKEN) {
            return false;
        }
        state = State.RUNNING;
        return true;
    }

    /**
     * The schedule says a run is due and it starts now. A wakeup that arrived since {@link #startIfWoken} is served
     * by this run (its caller waits for it).
     */
    synchronized void startScheduled() {
        abandonUnfinishedRun();
        state = State.RUNNING;
    }

    /** The invocation (replication and pruning) runs on the calling thread from now on: {@link #reset} applies. */
    synchronized void invoking() {
        invoking = Thread.currentThread();
        resetAsked = false;
    }

    /**
     * The invocation returned. Clears the interrupt a reset set, so that the route's later steps (the event) and
     * the timer thread's next jobs are not interrupted too; returns whether the invocation was reset.
     */
    synchronized boolean invoked() {
        boolean wasReset = resetAsked;
        invoking = null;
        resetAsked = false;
        if (wasReset) {
            Thread.interrupted();
        }
        return wasReset;
    }

    /** The run ended with this outcome: the job waits for its next run, and a waiting wakeup learns how it went. */
    synchronized void finished(RunOutcome outcome) {
        state = State.WAITING;
        invoking = null;
        if (waiter != null) {
            waiter.complete(outcome);
            waiter = null;
        }
    }

    /** The daemon stops: a wakeup that is still waiting will not see its run. */
    public synchronized void stopped() {
        if (waiter != null) {
            waiter.completeExceptionally(new IllegalStateException("the daemon stopped before the run of job "
                    + jobName + " ended"));
            waiter = null;
        }
        state = State.WAITING;
    }

    private void abandonUnfinishedRun() {
        if (state != State.RUNNING) {
            return;
        }
        // ticks do not overlap: the previous run's exchange is over, and it never reached its report
        state = State.WAITING;
        invoking = null;
        if (waiter != null) {
            waiter.completeExceptionally(new IllegalStateException("the run of job " + jobName
                    + " ended without its report (see the daemon's log)"));
            waiter = null;
        }
    }

    /** How a run ended, for {@code signal wakeup --wait}. */
    public record RunOutcome(boolean failed, String summary) {

        public RunOutcome {
            Objects.requireNonNull(summary, "summary");
        }
    }
}
