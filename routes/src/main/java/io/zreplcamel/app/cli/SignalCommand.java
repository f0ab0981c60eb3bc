package io.zreplcamel.app.cli;

import io.zreplcamel.app.control.ControlRequest;
import io.zreplcamel.app.control.ControlResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zrepl-camel signal wakeup|reset JOB}: zrepl's signals, sent to the running daemon over its control socket
 * ({@code global.control.sockpath} of the config; docs/control.md). Exit 0 when the daemon accepted the signal
 * (and, with {@code --wait}, the woken run ended without errors); 1 when it refused it, could not be reached, or
 * the waited run failed; 2 for bad usage or a config with errors.
 */
@Command(name = "signal", mixinStandardHelpOptions = true,
        description = "Send a signal to a job of the running daemon (over its control socket).",
        subcommands = {SignalCommand.Wakeup.class, SignalCommand.Reset.class})
public final class SignalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (wakeup, reset)");
    }

    /** The options every signal takes. */
    abstract static class Base implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        DaemonConfigOption daemon;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job's name in the config.")
        String job;

        abstract ControlRequest request();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String verb = "zrepl-camel signal " + spec.name();
            DaemonRequest.Outcome sent = DaemonRequest.send(daemon.config, request(), verb, err);
            if (sent.response().isEmpty()) {
                return sent.exit();
            }
            ControlResponse response = sent.response().get();
            if (!response.ok()) {
                err.println(verb + ": " + response.message());
                err.flush();
                return ZreplCamelCli.EXIT_FAILURE;
            }
            if (response.run().isPresent()) {
                ControlResponse.Run run = response.run().get();
                (run.failed() ? err : out).println("job " + job + ": " + run.summary());
                out.flush();
                err.flush();
                return run.failed() ? ZreplCamelCli.EXIT_FAILURE : ZreplCamelCli.EXIT_OK;
            }
            out.println(response.message());
            out.flush();
            return ZreplCamelCli.EXIT_OK;
        }
    }

    @Command(name = "wakeup", mixinStandardHelpOptions = true,
            description = {"Wake a push, pull or snap job up: its next run starts now, whatever its schedule (a push"
                    + " or pull job replicates and prunes, a snap job prunes; as in zrepl, a wakeup never takes"
                    + " snapshots). Refused while the job is running (\"already woken up\").",
                    "Jobs with snapshotting: manual or interval: manual run only this way."})
    static final class Wakeup extends Base {

        @Option(names = "--wait", description = "Wait until the woken run ended; print its summary and exit 1 if it"
                + " had errors (replication, pruning or, for snap jobs, snapshot destruction).")
        boolean waitForRun;

        @Override
        ControlRequest request() {
            return ControlRequest.wakeup(job, waitForRun);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Cancel the running invocation of a push or pull job: replication stops (unfinished"
                    + " filesystems fail and are replicated again, resuming where the receiver allows, by the next"
                    + " run) and pruning is skipped.")
    static final class Reset extends Base {

        @Override
        ControlRequest request() {
            return ControlRequest.reset(job);
        }
    }
}
