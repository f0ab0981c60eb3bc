package io.zreplcamel.config.model.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code connect}: how an active job (push, pull) reaches its passive peer. */
public sealed interface Connect {

    /** The config's {@code type} value. */
    String type();

    /** How long connecting may take ({@code dial_timeout}); zero means no limit. */
    Duration dialTimeout();

    /** Plain TCP, no encryption or authentication. */
    record Tcp(HostPort address, Duration dialTimeout) implements Connect {
        public String type() {
            return "tcp";
        }
    }

    /**
     * TLS with client certificates. {@code serverCn} is checked against the server's certificate instead of the
     * address host. Certificate paths are absolute (relative ones were resolved against the config file's directory).
     */
    record Tls(HostPort address, Path ca, Path cert, Path key, String serverCn, Duration dialTimeout)
            implements Connect {
        public String type() {
            return "tls";
        }
    }

    /**
     * SSH to the peer, whose {@code authorized_keys} forced command runs {@code zrepl stdinserver <identity>}:
     * {@code ssh -p port -T -i identityFile -o BatchMode=yes [-o option]... user@host}.
     */
    record SshStdinserver(String host, String user, int port, Path identityFile, List<String> options,
                          Optional<String> sshCommand, List<String> transportOpenCommand, Duration dialTimeout)
            implements Connect {
        public SshStdinserver {
            options = List.copyOf(options);
            transportOpenCommand = List.copyOf(transportOpenCommand);
        }

        public String type() {
            return "ssh+stdinserver";
        }
    }

    /**
     * zrepl-camel only ({@code type: ssh+zfs}): no daemon on the far side. The push job's receiver runs as
     * {@code zfs} commands over ssh ({@code ssh -p port -i identityFile -o BatchMode=yes [-o option]... user@host}),
     * receiving below {@code rootFs} there, which must exist, with {@code recv} as a sink's. See docs/agentless.md.
     */
    record SshZfs(String host, String user, int port, Path identityFile, List<String> options, String rootFs,
                  io.zreplcamel.config.model.sendrecv.RecvOptions recv, Duration dialTimeout) implements Connect {
        public SshZfs {
            options = List.copyOf(options);
        }

        public String type() {
            return "ssh+zfs";
        }
    }

    /** In-process connection to a {@code local} serve with the same {@code listenerName}. */
    record Local(String listenerName, String clientIdentity, Duration dialTimeout) implements Connect {
        public String type() {
            return "local";
        }
    }
}
