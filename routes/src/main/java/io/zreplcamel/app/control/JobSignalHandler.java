package io.zreplcamel.app.control;

import io.zreplcamel.app.jobs.JobSignals;
import io.zreplcamel.app.jobs.SignalRefusedException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code signal wakeup|reset JOB} against the daemon's jobs: finds the job, refuses what zrepl refuses (an unknown
 * job: "Job X does not exist"; a sink or source job: passive jobs are neither woken up nor reset; reset of a snap
 * job) and passes the signal to the job's {@link JobSignals}, whose refusals ("already woken up", "already reset")
 * become error responses. A waited wakeup blocks until the woken run ended.
 */
public final class JobSignalHandler implements ControlHandler {

    /** The installed jobs: every job's type by name, and the signals of those that have them. */
    public record Jobs(Map<String, String> types, Map<String, JobSignals> signals) {

        public Jobs {
            types = Map.copyOf(types);
            signals = Map.copyOf(signals);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobSignalHandler.class);

    private final Supplier<Optional<Jobs>> jobs;

    /** @param jobs the installed jobs; empty while the daemon has not installed them yet */
    public JobSignalHandler(Supplier<Optional<Jobs>> jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public ControlResponse handle(ControlRequest request) {
        Optional<Jobs> installed = jobs.get();
        if (installed.isEmpty()) {
            return stillStarting();
        }
        String name = request.job();
        String type = installed.get().types().get(name);
        if (type == null) {
            return noSuchJob(name);
        }
        JobSignals signals = installed.get().signals().get(name);
        if (signals == null) {
            return ControlResponse.error("job " + name + " is a " + type + " job: passive jobs cannot be "
                    + (request.op() == ControlRequest.Op.WAKEUP ? "woken up" : "reset")
                    + " (they serve their peer; signal the active push or pull job instead)");
        }
        try {
            return switch (request.op()) {
                case WAKEUP -> wakeup(signals, request.waitForRun());
                case RESET -> {
                    signals.reset();
                    LOG.info("job {}: reset (signal reset)", name);
                    yield ControlResponse.ok("job " + name + ": reset: the running invocation is being cancelled");
                }
                case STATUS -> ControlResponse.error("status is not a signal");
            };
        } catch (SignalRefusedException e) {
            return ControlResponse.error(e.getMessage());
        }
    }

    /** The answer to any job request before the daemon installed its jobs. */
    public static ControlResponse stillStarting() {
        return ControlResponse.error("the daemon is still starting (its jobs are not installed yet); try again");
    }

    /** zrepl's words for a job name that is not in the config. */
    public static ControlResponse noSuchJob(String name) {
        return ControlResponse.error("Job " + name + " does not exist");
    }

    private static ControlResponse wakeup(JobSignals signals, boolean waitForRun) {
        CompletableFuture<JobSignals.RunOutcome> run = signals.wakeup();
        String name = signals.jobName();
        LOG.info("job {}: woken up (signal wakeup){}", name, waitForRun ? ", a client waits for the run" : "");
        if (!waitForRun) {
            return ControlResponse.ok("job " + name + ": woken up");
        }
        try {
            JobSignals.RunOutcome outcome = run.get();
            return ControlResponse.ok("job " + name + ": woken up; the run ended",
                    new ControlResponse.Run(outcome.failed(), outcome.summary()));
        } catch (ExecutionException e) {
            return ControlResponse.error("job " + name + ": woken up, but " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlResponse.error("job " + name + ": woken up, but the control server stopped before the"
                    + " run ended");
        }
    }
}
