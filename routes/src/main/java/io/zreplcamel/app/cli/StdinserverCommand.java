package io.zreplcamel.app.cli;

import io.zreplcamel.app.Implemented;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.transport.ssh.SocketDirectory;
import io.zreplcamel.transport.ssh.StdinserverRelay;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zrepl-camel stdinserver CLIENT_IDENTITY}: the forced command of a client's key in the serving host's
 * {@code authorized_keys} ({@code command="zrepl-camel stdinserver alice",restrict ssh-ed25519 ...}). It connects to
 * the running daemon's socket for that identity ({@code <global.serve.stdinserver.sockdir>/<identity>}) and relays
 * the ssh session's stdin and stdout to it until either side ends ({@link StdinserverRelay}).
 *
 * <p>sshd starts one per connection, so it stays a plain path: the config is read for the socket directory only,
 * nothing of Camel starts, and nothing but the relayed bytes is ever written to stdout (messages go to stderr, which
 * ssh shows on the dialing side). Exit 0 when the daemon ended the connection, 1 when there is no daemon socket for
 * the identity or the connection broke, 2 for a bad identity or a config with errors.
 */
@Command(name = "stdinserver", mixinStandardHelpOptions = true,
        description = {"Relay this ssh session to the daemon's stdinserver socket of CLIENT_IDENTITY: the forced"
                + " command of an ssh+stdinserver client's key in authorized_keys, e.g.",
                "command=\"zrepl-camel stdinserver alice\",restrict ssh-ed25519 AAAA...",
                "Only the relayed bytes go to stdout; messages go to stderr."})
public final class StdinserverCommand implements Callable<Integer> {

    private static final String VERB = "zrepl-camel stdinserver";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The daemon's zrepl.yml (for global.serve.stdinserver.sockdir). Without it:"
                    + " /etc/zrepl/zrepl.yml, then /usr/local/etc/zrepl/zrepl.yml.")
    Path config;

    @Parameters(index = "0", paramLabel = "CLIENT_IDENTITY",
            description = "The client identity, as listed in the serving job's client_identities.")
    String identity;

    /** The session's streams; the process's own stdin/stdout unless a test sets them. */
    InputStream stdin;
    OutputStream stdout;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // the identity becomes a file name: one valid name component, nothing that walks out of the directory
        Optional<String> problem = ZfsNames.componentProblem(identity);
        if (problem.isPresent()) {
            err.println(VERB + ": client identity \"" + identity + "\" " + problem.get());
            err.flush();
            return ZreplCamelCli.EXIT_USAGE;
        }
        Optional<ZreplConfig> loaded = ConfigcheckCommand.loadOrReport(config, Implemented.lenient(true), VERB, err);
        if (loaded.isEmpty()) {
            return ZreplCamelCli.EXIT_USAGE;
        }
        Path sockdir = loaded.get().global().stdinserverSockdir();
        Path socket;
        try {
            socket = SocketDirectory.socketOf(sockdir, identity);
        } catch (IllegalArgumentException e) {
            err.println(VERB + ": " + e.getMessage());
            err.flush();
            return ZreplCamelCli.EXIT_USAGE;
        }
        int code = StdinserverRelay.relay(socket, stdin != null ? stdin : new FileInputStream(FileDescriptor.in),
                stdout != null ? stdout : new FileOutputStream(FileDescriptor.out), err, VERB);
        err.flush();
        return code;
    }
}
