package io.zreplcamel.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} of the commands that talk to a running daemon: where its control socket is. */
final class DaemonConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The daemon's zrepl.yml (for global.control.sockpath). Without it: /etc/zrepl/zrepl.yml,"
                    + " then /usr/local/etc/zrepl/zrepl.yml.")
    Path config;
}
