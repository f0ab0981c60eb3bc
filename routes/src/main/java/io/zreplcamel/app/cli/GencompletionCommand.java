package io.zreplcamel.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code zrepl-camel gencompletion bash|zsh [PATH]}: zrepl's verb. The completion script is generated from the
 * command model itself (picocli's AutoComplete), so every verb and option is in it; the same script serves zsh
 * through {@code bashcompinit}. Without PATH it goes to standard output.
 */
@Command(name = "gencompletion", mixinStandardHelpOptions = true,
        description = {"Write a shell completion script for zrepl-camel (bash, or zsh through bashcompinit).",
                "E.g. zrepl-camel gencompletion bash /etc/bash_completion.d/zrepl-camel"})
public final class GencompletionCommand implements Callable<Integer> {

    /** The shells the script is for. */
    enum Shell { bash, zsh }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "where to write it (default: stdout)")
    Path path;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("zrepl-camel", ZreplCamelCli.commandLine());
        if (shell == Shell.zsh) {
            // the generated script is bash's; zsh runs it after loading its bash compatibility
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        PrintWriter err = spec.commandLine().getErr();
        if (path == null) {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
            return ZreplCamelCli.EXIT_OK;
        }
        try {
            Files.writeString(path, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("zrepl-camel gencompletion: cannot write " + path + ": " + e.getMessage());
            err.flush();
            return ZreplCamelCli.EXIT_FAILURE;
        }
        return ZreplCamelCli.EXIT_OK;
    }
}
