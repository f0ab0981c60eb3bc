package io.zreplcamel.config.model.global;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code global} section with defaults filled in: logging outlets (default one stdout outlet, warn, human),
 * monitoring, the control socket ({@code /var/run/zrepl/control}) and the stdinserver socket directory
 * ({@code /var/run/zrepl/stdinserver}).
 */
public record Global(List<LoggingOutlet> logging, List<Monitoring> monitoring, Path controlSockpath,
                     Path stdinserverSockdir) {

    public static final Path DEFAULT_CONTROL_SOCKPATH = Path.of("/var/run/zrepl/control");
    public static final Path DEFAULT_STDINSERVER_SOCKDIR = Path.of("/var/run/zrepl/stdinserver");
    public static final List<LoggingOutlet> DEFAULT_LOGGING =
            List.of(new LoggingOutlet.Stdout(LogLevel.WARN, LogFormat.HUMAN, true, true));
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(10);

    public static final Global DEFAULTS =
            new Global(DEFAULT_LOGGING, List.of(), DEFAULT_CONTROL_SOCKPATH, DEFAULT_STDINSERVER_SOCKDIR);

    public Global {
        logging = List.copyOf(logging);
        monitoring = List.copyOf(monitoring);
    }
}
