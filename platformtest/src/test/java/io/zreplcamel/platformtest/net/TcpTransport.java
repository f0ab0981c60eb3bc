package io.zreplcamel.platformtest.net;

import java.util.Map;
import java.util.stream.Collectors;

/** {@code type: tcp}: the client is known by its source IP ({@code serve.clients} maps IPs or CIDRs to identities). */
public final class TcpTransport implements PeerTransport {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public String connect(Host client, Host server, int port) {
        return "{type: tcp, address: \"" + server.address() + ":" + port + "\", dial_timeout: 5s}";
    }

    @Override
    public String serve(Host server, int port, Map<Host, String> clients) {
        return serve(port, clients.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().address(), Map.Entry::getValue)));
    }

    /** A serve with the clients map as given: keys are IPs or CIDRs ({@code "10.0.0.0/24": "net-*"}). */
    public String serve(int port, Map<String, String> clients) {
        return "{type: tcp, listen: \":" + port + "\", clients: {" + clients.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"").sorted()
                .collect(Collectors.joining(", ")) + "}}";
    }

    @Override
    public String toString() {
        return name();
    }
}
