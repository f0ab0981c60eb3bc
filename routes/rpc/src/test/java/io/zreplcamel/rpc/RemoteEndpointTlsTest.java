package io.zreplcamel.rpc;

import static io.zreplcamel.rpc.RemoteEndpointTest.B;
import static io.zreplcamel.rpc.RemoteEndpointTest.PROTECTION;
import static io.zreplcamel.rpc.RemoteEndpointTest.random;
import static io.zreplcamel.rpc.RemoteEndpointTest.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.rpc.client.RemoteEndpoint;
import io.zreplcamel.rpc.server.RpcServer;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.tls.TestPki;
import io.zreplcamel.transport.tls.TlsCredentials;
import io.zreplcamel.transport.tls.TlsDialer;
import io.zreplcamel.transport.tls.TlsListener;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteEndpointTest}'s calls over the tls transport: the serving job sees the client certificate's CN as the
 * identity, streams arrive whole through TLS, and a server that is not who server_cn says fails with the reason.
 */
class RemoteEndpointTlsTest {

    @TempDir
    Path dir;
    EventLoops loops;
    TestPki pki;
    TlsListener listener;
    RpcServer server;
    final List<String> identitiesSeen = new CopyOnWriteArrayList<>();
    final RemoteEndpointTest.FakeEndpoint served = new RemoteEndpointTest.FakeEndpoint();
    TestPki.Issued clientCert;

    @BeforeEach
    void start() throws Exception {
        loops = EventLoops.create(2);
        pki = TestPki.newCa(dir, "ca");
        TestPki.Issued serverCert = pki.issue("sink-host", "backup.example");
        clientCert = pki.issue("prod1");
        server = new RpcServer("sink1", identity -> {
            identitiesSeen.add(identity);
            return served;
        }, DataChannelConfig.defaults());
        listener = new TlsListener(loops, new InetSocketAddress("127.0.0.1", 0), false,
                TlsCredentials.load(pki.caFile(), serverCert.cert(), serverCert.key()), List.of("prod1", "prod2"),
                Duration.ofSeconds(10));
        listener.start(server);
    }

    private RemoteEndpoint remote(String serverCn) {
        return new RemoteEndpoint("push1", new TlsDialer(loops, "127.0.0.1", listener.localAddress().getPort(),
                TlsCredentials.load(pki.caFile(), clientCert.cert(), clientCert.key()), serverCn,
                Duration.ofSeconds(5)), DataChannelConfig.defaults(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        listener.close();
        server.close();
        loops.close();
    }

    @Test
    void controlCallsSeeTheClientCertificatesCnAsTheIdentity() {
        try (RemoteEndpoint remote = remote("backup.example")) {
            assertThat(remote.ping("over tls")).isEqualTo("over tls");
            assertThat(remote.listFilesystems()).hasSize(2);
            assertThat(remote.listVersions(List.of("pool/a")).get("pool/a")).hasSize(3);
        }
        assertThat(identitiesSeen).isNotEmpty().allMatch("prod1"::equals);
    }

    @Test
    void pushAndPullStreamsArriveWholeOverTls() throws Exception {
        try (RemoteEndpoint remote = remote("backup.example")) {
            byte[] data = random(5 * 1024 * 1024 + 11);
            assertThat(remote.receive(new ReceiveStep("pool/a", B, false, PROTECTION),
                    new ByteArrayInputStream(data))).isEqualTo(data.length);
            assertThat(served.receivedDigest).isEqualTo(sha(data));

            OutgoingStream out = remote.send(new StepRequest("pool/a", Optional.empty(), B, Optional.empty(), false,
                    PROTECTION));
            try (InputStream in = out.stream()) {
                assertThat(sha(in.readAllBytes())).isEqualTo(sha(served.sendData));
            }
        }
        assertThat(identitiesSeen).isNotEmpty().allMatch("prod1"::equals);
    }

    @Test
    void aServerThatIsNotServerCnIsRefusedWithTheReason() {
        try (RemoteEndpoint wrong = remote("prod.example")) {
            // a data request fails for good: retrying cannot make the certificate match
            assertThatThrownBy(() -> wrong.receive(new ReceiveStep("pool/a", B, false, PROTECTION),
                    new ByteArrayInputStream(new byte[10]))).isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(TemporaryConnectivityException.class)
                    .hasMessageContaining("does not match server_cn \"prod.example\"")
                    .hasMessageContaining("valid for [backup.example]");
            // the control channel reports why it could not connect
            assertThatThrownBy(wrong::listFilesystems).hasMessageContaining("does not match server_cn");
        }
        assertThat(identitiesSeen).isEmpty();
        assertThat(served.receivedSteps).isEmpty();
    }
}
