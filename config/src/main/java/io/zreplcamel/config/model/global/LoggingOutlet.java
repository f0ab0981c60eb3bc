package io.zreplcamel.config.model.global;

import io.zreplcamel.config.model.transport.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One entry of {@code global.logging}. At most one stdout and one syslog outlet; any number of tcp outlets. */
public sealed interface LoggingOutlet {

    String type();

    LogLevel level();

    LogFormat format();

    /** Standard output; {@code time}/{@code color} only apply on a terminal as in zrepl. */
    record Stdout(LogLevel level, LogFormat format, boolean time, boolean color) implements LoggingOutlet {
        public String type() {
            return "stdout";
        }
    }

    /** The local syslog, tag {@code zrepl}. */
    record Syslog(LogLevel level, LogFormat format, SyslogFacility facility, Duration retryInterval)
            implements LoggingOutlet {
        public String type() {
            return "syslog";
        }
    }

    /** A remote log collector over {@code net} (tcp, tcp4, tcp6, udp...), optionally TLS with a client certificate. */
    record Tcp(LogLevel level, LogFormat format, HostPort address, String net, Duration retryInterval,
               Optional<TlsFiles> tls) implements LoggingOutlet {
        public String type() {
            return "tcp";
        }
    }

    /** CA, client certificate and key for the tcp outlet's TLS. */
    record TlsFiles(Path ca, Path cert, Path key) {
    }
}
