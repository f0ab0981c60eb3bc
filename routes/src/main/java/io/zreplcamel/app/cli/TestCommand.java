package io.zreplcamel.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zrepl-camel test ...}: tools that show what the daemon would do, without doing it.
 * Each sub-verb is its own class listed here.
 */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = "Show what the daemon would do (filters, schedules, names, plans) without touching anything.",
        subcommands = {
                CommandLine.HelpCommand.class, TestPruneCommand.class, TestRetentionCommand.class, TestSnapshotNameCommand.class,
                TestFilesystemsCommand.class, TestCronCommand.class, TestDecodeResumeTokenCommand.class, TestPlaceholderCommand.class,
                TestPlanCommand.class,
        })
public final class TestCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
