package io.zreplcamel.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zrepl-camel demo}: the main job on throw-away file-backed pools. Until the snap job lands it says so
 * plainly instead of pretending.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a snap job on throw-away file-backed pools (in a QEMU guest when the host has no ZFS).")
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "zrepl-camel demo: the job daemon is not implemented yet; nothing was run. "
                        + "See README.md, section Status.");
        return ZreplCamelCli.EXIT_FAILURE;
    }
}
