package io.zreplcamel.platformtest.net;

import io.zreplcamel.transport.tls.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code type: tls}: mutual TLS with certificates from a CA the test makes ({@link TestPki}, never checked in). Each
 * host has a server certificate (CN and DNS name {@code host-<namespace>}, which its clients name as
 * {@code server_cn}) and a client certificate whose CN is the identity its servers know it by: TLS has the client say
 * who it is, so the identity a serve's {@code clients} gives a host becomes its certificate's CN, and
 * {@code client_cns} lists exactly those. A connect names its files before the serve that decides its CN is
 * written; the daemons read them only when they start, after both configs are built.
 */
public final class TlsTransport implements PeerTransport {

    private TestPki pki;
    private Path dir;
    private final Map<Host, String> clientCn = new HashMap<>();

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public void prepare(TwoHosts hosts, Path testDir) {
        try {
            dir = Files.createDirectories(testDir.resolve("tls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pki = TestPki.newCa(dir, "zpt");
        for (Host h : new Host[] {hosts.a(), hosts.b()}) {
            TestPki.Issued server = pki.issue(serverName(h), serverName(h));
            copy(server, serverCert(h), serverKey(h));
        }
        clientCn.clear();
    }

    private static String serverName(Host h) {
        return "host-" + h.namespace();
    }

    private Path serverCert(Host h) {
        return dir.resolve(h.namespace() + "-server.crt");
    }

    private Path serverKey(Host h) {
        return dir.resolve(h.namespace() + "-server.key");
    }

    private Path clientCert(Host h) {
        return dir.resolve(h.namespace() + "-client.crt");
    }

    private Path clientKey(Host h) {
        return dir.resolve(h.namespace() + "-client.key");
    }

    @Override
    public String connect(Host client, Host server, int port) {
        return "{type: tls, address: \"" + server.address() + ":" + port + "\", ca: \"" + pki.caFile() + "\", cert: \""
                + clientCert(client) + "\", key: \"" + clientKey(client) + "\", server_cn: \"" + serverName(server)
                + "\", dial_timeout: 5s}";
    }

    @Override
    public synchronized String serve(Host server, int port, Map<Host, String> clients) {
        clients.forEach((host, identity) -> {
            String before = clientCn.putIfAbsent(host, identity);
            if (before == null) {
                copy(pki.issue(identity), clientCert(host), clientKey(host));
            } else if (!before.equals(identity)) {
                throw new IllegalArgumentException(host + " has one client certificate (CN " + before
                        + "); it cannot also be " + identity);
            }
        });
        return "{type: tls, listen: \":" + port + "\", ca: \"" + pki.caFile() + "\", cert: \"" + serverCert(server)
                + "\", key: \"" + serverKey(server) + "\", client_cns: [" + clients.values().stream().sorted()
                .map(cn -> "\"" + cn + "\"").collect(Collectors.joining(", ")) + "]}";
    }

    private static void copy(TestPki.Issued issued, Path cert, Path key) {
        try {
            Files.copy(issued.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(issued.key(), key, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
