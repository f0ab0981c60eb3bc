package io.zreplcamel.app.cli;

import io.zreplcamel.app.status.StatusText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel status [--job J] [--mode dump|raw]}: the running daemon's status, asked over its control socket
 * (docs/status.md). {@code dump} prints the text once, {@code raw} the JSON the daemon answered. zrepl's interactive
 * view is not here yet: {@code --mode interactive} says so (exit 2). Exit 0 with a status, 1 when the daemon cannot
 * be reached or refuses (an unknown job), 2 for bad usage or a config with errors.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running daemon's jobs: state, replication progress per filesystem, pruning, last run.")
public final class StatusCommand implements Callable<Integer> {

    /** How to show the status. */
    enum Mode { dump, raw, interactive }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DaemonConfigOption daemon;

    @Option(names = "--job", paramLabel = "JOB", description = "Only this job.")
    String job;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "dump",
            description = "dump (text, once; the default), raw (the daemon's JSON). interactive is not available yet.")
    Mode mode;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (mode == Mode.interactive) {
            err.println("zrepl-camel status: --mode interactive is not available yet; use --mode dump or --mode raw");
            err.flush();
            return ZreplCamelCli.EXIT_USAGE;
        }
        DaemonRequest.Status status = DaemonRequest.status(daemon.config, job == null ? "" : job,
                "zrepl-camel status", err);
        if (status.json().isEmpty()) {
            return status.exit();
        }
        if (mode == Mode.raw) {
            out.println(Json.pretty(status.json().get()));
        } else {
            out.print(StatusText.render(status.json().get()));
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }
}
