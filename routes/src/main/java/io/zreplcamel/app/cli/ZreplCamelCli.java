package io.zreplcamel.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zrepl-camel} command line. Each verb is its own class; verbs that need several sub-verbs
 * ({@code test ...}) are parent commands with their own subcommand list.
 *
 * <p>Exit codes: 0 success, 1 runtime failure, 2 bad usage or invalid input (picocli's usage errors are
 * mapped to 2 as well).
 */
@Command(name = "zrepl-camel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "zrepl's ZFS snapshot, replication and pruning daemon, built as Apache Camel routes.",
        subcommands = {
                CommandLine.HelpCommand.class,
                VersionCommand.class,
                DaemonCommand.class,
                SignalCommand.class,
                StatusCommand.class,
                DemoCommand.class,
                TestCommand.class,
                ConfigcheckCommand.class,
                PruneCommand.class,
                ZfsAbstractionCommand.class,
                StdinserverCommand.class,
                GencompletionCommand.class,
        })
public final class ZreplCamelCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ZreplCamelCli())
                .setExitCodeExceptionMapper(t -> EXIT_FAILURE)
                .setParameterExceptionHandler((ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("zrepl-camel: " + ex.getMessage());
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                        cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
                    }
                    return EXIT_USAGE;
                });
    }

    /**
     * zrepl's word order: {@code zrepl --config FILE status} puts the global flag before the verb. Here every verb
     * that reads a config has its own {@code --config}, so a leading {@code --config FILE} (or {@code --config=FILE})
     * is moved behind the verb's words, before a {@code --} that ends the options. Anything else is left as it is,
     * for picocli to accept or refuse.
     */
    public static String[] zreplWordOrder(String[] args) {
        int take;
        if (args.length >= 3 && args[0].equals("--config")) {
            take = 2;
        } else if (args.length >= 2 && args[0].startsWith("--config=")) {
            take = 1;
        } else {
            return args;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(take, args.length));
        int end = rest.indexOf("--");
        rest.addAll(end < 0 ? rest.size() : end, Arrays.asList(args).subList(0, take));
        return rest.toArray(String[]::new);
    }

    public static void main(String[] args) {
        int code = commandLine().execute(zreplWordOrder(args));
        if (code != EXIT_OK || !DaemonCommand.isRunningDaemon()) {
            System.exit(code);
        }
    }
}
