package io.zreplcamel.app.cli;

import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.SnapshottingJob;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.processors.snapshotting.SnapshotNamer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zrepl-camel test snapshot-name}: the name a job's next snapshot would get. */
@Command(name = "snapshot-name", mixinStandardHelpOptions = true,
        description = "Print the snapshot name a job would use (prefix + timestamp_format) at an instant.")
public final class TestSnapshotNameCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "zrepl.yml to read")
    Path config;

    @Option(names = "--job", required = true, paramLabel = "NAME", description = "a snap, push or source job")
    String job;

    @Option(names = "--at", paramLabel = "ISO-8601", description = "the instant to name (default: now)")
    String at;

    @Option(names = "--json", description = "print {job, at, name} as JSON")
    boolean json;

    @Override
    public Integer call() {
        try {
            Job j = TestPruneCommand.findJob(config, job);
            if (!(j instanceof SnapshottingJob sj)) {
                throw new TestPruneCommand.UsageError("job " + j.name() + " (type " + j.type()
                        + ") takes no snapshots");
            }
            Snapshotting snapshotting = sj.snapshotting();
            if (snapshotting instanceof Snapshotting.Manual) {
                throw new TestPruneCommand.UsageError("job " + j.name()
                        + " has manual snapshotting: it takes no snapshots");
            }
            Instant instant = at == null ? Instant.now() : TestPruneCommand.parseInstant(at, "--at");
            String name = SnapshotNamer.of(snapshotting).name(instant);
            if (json) {
                Map<String, String> o = new LinkedHashMap<>();
                o.put("job", j.name());
                o.put("at", instant.toString());
                o.put("name", name);
                spec.commandLine().getOut().println(Json.pretty(o));
            } else {
                spec.commandLine().getOut().println(name);
            }
            spec.commandLine().getOut().flush();
            return ZreplCamelCli.EXIT_OK;
        } catch (TestPruneCommand.UsageError e) {
            spec.commandLine().getErr().println("zrepl-camel test snapshot-name: " + e.getMessage());
            return ZreplCamelCli.EXIT_USAGE;
        }
    }
}
