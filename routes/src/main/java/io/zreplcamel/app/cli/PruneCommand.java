package io.zreplcamel.app.cli;

import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.processors.pruning.PrunePlan;
import io.zreplcamel.processors.pruning.PruneSide;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zrepl-camel prune --dry-run}: what the next pruning of a snap job would destroy on this host. It lists and
 * plans through the daemon's own code ({@code SnapJobPruning} over {@code LocalDatasets}), so the answer is what
 * the daemon will do after its next snapshot run, given the snapshots that exist now.
 *
 * <p>It never destroys anything: pruning is the daemon's job (it prunes after every snapshot run), and a second
 * pruner racing the daemon would only make the logs harder to read.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Show what the next pruning of a snap job would destroy on this host (--dry-run).",
                "Listing and planning are the daemon's own; nothing is destroyed (the daemon prunes)."})
public final class PruneCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "zrepl.yml to read")
    Path config;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "the snap job to plan")
    String job;

    @Option(names = "--dry-run", description = "only show the plan (required: the daemon does the pruning)")
    boolean dryRun;

    @Option(names = "--json", description = "print [{\"snapshot\", \"action\", \"keptBy\"}] instead of text")
    boolean json;

    @Option(names = {"--exact-zrepl", "--exact-zrepl-grid"}, description = TestPruneCommand.EXACT_ZREPL_HELP)
    boolean exactZrepl;

    @Option(names = "--zfs-command", paramLabel = "PATH", defaultValue = "zfs",
            description = "zfs binary (default: ${DEFAULT-VALUE} from PATH)")
    String zfsCommand;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut());
        } catch (TestPruneCommand.UsageError e) {
            err.println("zrepl-camel prune: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        } catch (TestPruneCommand.ZfsUnavailable e) {
            err.println("zrepl-camel prune: " + e.getMessage());
            return ZreplCamelCli.EXIT_FAILURE;
        }
    }

    private int run(PrintWriter out) throws TestPruneCommand.UsageError, TestPruneCommand.ZfsUnavailable {
        if (!dryRun) {
            throw new TestPruneCommand.UsageError("only --dry-run is supported; the daemon prunes");
        }
        Job j = TestPruneCommand.findJob(config, job);
        if (!(j instanceof SnapJob snap)) {
            throw new TestPruneCommand.UsageError("job " + j.name() + " is a " + j.type() + " job; zrepl-camel "
                    + "prunes snap jobs so far (try: test prune --snapshots-from FILE)");
        }
        Map<String, PrunePlan> plans = TestPruneCommand.planFromZfs(snap, zfsCommand, exactZrepl,
                Optional.empty());
        if (json) {
            TestPruneCommand.printJson(out, plans);
        } else {
            TestPruneCommand.printText(out, j, PruneSide.LOCAL, exactZrepl, plans);
            int destroy = plans.values().stream().mapToInt(p -> p.toDestroy().size()).sum();
            int total = plans.values().stream().mapToInt(p -> p.decisions().size()).sum();
            out.println();
            out.println("dry run: the next pruning of job " + j.name() + " would destroy " + destroy + " of "
                    + total + " snapshot(s) in " + plans.size() + " filesystem(s)"
                    + (exactZrepl ? " (exactly as zrepl: protect_newest ignored)" : ""));
        }
        out.flush();
        return ZreplCamelCli.EXIT_OK;
    }
}
