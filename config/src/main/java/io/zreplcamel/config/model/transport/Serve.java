package io.zreplcamel.config.model.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code serve}: how a passive job (sink, source) listens and authenticates clients (giving a client identity). */
public sealed interface Serve {

    /** The config's {@code type} value. */
    String type();

    /**
     * Plain TCP; the client identity comes from the client's IP via {@code clients}: keys are IPs or CIDRs (optional
     * {@code %zone}), values identities; a CIDR's identity contains one {@code *}, replaced by the client IP.
     */
    record Tcp(HostPort listen, boolean listenFreebind, Map<String, String> clients) implements Serve {
        public Tcp {
            clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
        }

        public String type() {
            return "tcp";
        }
    }

    /** TLS with mandatory client certificates; the identity is the certificate's CN, which must be listed. */
    record Tls(HostPort listen, boolean listenFreebind, Path ca, Path cert, Path key, List<String> clientCns,
               Duration handshakeTimeout) implements Serve {
        public Tls {
            clientCns = List.copyOf(clientCns);
        }

        public String type() {
            return "tls";
        }
    }

    /** SSH forced commands ({@code zrepl stdinserver <identity>}); one UNIX socket per identity. */
    record Stdinserver(List<String> clientIdentities) implements Serve {
        public Stdinserver {
            clientIdentities = List.copyOf(clientIdentities);
        }

        public String type() {
            return "stdinserver";
        }
    }

    /** In-process listener for {@code local} connects in the same daemon. */
    record Local(String listenerName) implements Serve {
        public String type() {
            return "local";
        }
    }
}
