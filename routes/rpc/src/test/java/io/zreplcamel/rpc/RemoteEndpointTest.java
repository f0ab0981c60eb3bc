package io.zreplcamel.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.Protection;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.rpc.client.RemoteEndpoint;
import io.zreplcamel.rpc.client.RemoteEndpointException;
import io.zreplcamel.rpc.server.RpcServer;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.tcp.TcpDialer;
import io.zreplcamel.transport.tcp.TcpListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control RPC and both data requests over a real tcp listener and dialer on loopback, against in-memory
 * endpoints: what the engine calls on a {@link RemoteEndpoint} arrives at the serving job's endpoint with the
 * identity the transport gave the client, and streams arrive whole.
 */
class RemoteEndpointTest {

    static final Protection PROTECTION = new Protection(GuaranteeKind.GUARANTEE_RESUMABILITY,
            GuaranteeKind.GUARANTEE_INCREMENTAL);
    static final FilesystemVersion A = FilesystemVersion.snapshot("a", 0xfeedfacecafebeefL, 10,
            Instant.parse("2026-12-01T10:00:00Z"));
    static final FilesystemVersion B = FilesystemVersion.snapshot("b", 42, 20, Instant.parse("2026-12-01T11:00:00Z"));
    static final FilesystemVersion BM = FilesystemVersion.bookmark("a", A.guid(), 10, A.creation());

    EventLoops loops;
    TcpListener listener;
    RpcServer server;
    final List<String> identitiesSeen = new CopyOnWriteArrayList<>();
    final FakeEndpoint served = new FakeEndpoint();
    RemoteEndpoint remote;

    @BeforeEach
    void start() throws Exception {
        loops = EventLoops.create(2);
        server = new RpcServer("sink1", identity -> {
            identitiesSeen.add(identity);
            return served;
        }, DataChannelConfig.defaults());
        listener = new TcpListener(loops, new InetSocketAddress("127.0.0.1", 0), false,
                client -> Optional.of("client-" + client.getAddress().getHostAddress()));
        listener.start(server);
        remote = new RemoteEndpoint("push1", new TcpDialer(loops, "127.0.0.1", listener.localAddress().getPort(),
                Duration.ofSeconds(5)), DataChannelConfig.defaults(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        remote.close();
        listener.close();
        server.close();
        loops.close();
    }

    @Test
    void controlCallsReachTheServedEndpointWithTheTransportsIdentity() {
        assertThat(remote.listFilesystems()).hasSize(2);
        assertThat(remote.ping("hi")).isEqualTo("hi");
        assertThat(remote.listFilesystems()).containsExactly(
                new EndpointFilesystem("pool/a", false, Optional.of("1-abc"), OptionalLong.of(1700000000L)),
                new EndpointFilesystem("pool/b", true, Optional.empty(), OptionalLong.empty()));
        Map<String, List<FilesystemVersion>> versions = remote.listVersions(List.of("pool/a", "pool/none"));
        assertThat(versions.get("pool/a")).containsExactly(BM, A, B);
        assertThat(versions.get("pool/none")).isEmpty();
        assertThat(remote.destroySnapshots("pool/a", List.of(A, B)))
                .isEqualTo(new DestroyOutcome(List.of("a"), Map.of("b", "dataset is busy")));
        StepRequest step = new StepRequest("pool/a", Optional.of(BM), B, Optional.empty(), false, PROTECTION);
        assertThat(remote.estimateSize(step)).isEqualTo(12345);
        remote.sendCompleted(step);
        assertThat(served.completed).containsExactly(step);
        assertThat(remote.replicationCursors(List.of("pool/a", "pool/b")))
                .containsEntry("pool/a", Optional.of(BM)).containsEntry("pool/b", Optional.empty());
        assertThat(identitiesSeen).isNotEmpty().allMatch("client-127.0.0.1"::equals);
    }

    @Test
    void endpointErrorsArriveWithTheServersMessage() {
        StepRequest bad = new StepRequest("pool/outside", Optional.empty(), B, Optional.empty(), false, PROTECTION);
        assertThatThrownBy(() -> remote.estimateSize(bad)).isInstanceOf(RemoteEndpointException.class)
                .hasMessageContaining("pool/outside is not accepted by the filter");
    }

    @Test
    void pushStreamArrivesWholeAndItsByteCountIsAcknowledged() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 17);
        long n = remote.receive(new ReceiveStep("pool/a", B, false, PROTECTION), new ByteArrayInputStream(data));
        assertThat(n).isEqualTo(data.length);
        assertThat(served.receivedDigest).isEqualTo(sha(data));
        assertThat(served.receivedSteps).extracting(ReceiveStep::filesystem).containsExactly("pool/a");
    }

    @Test
    void pushIntoAFailingReceiveReportsTheReceiversError() {
        byte[] data = random(1024 * 1024);
        assertThatThrownBy(() -> remote.receive(new ReceiveStep("pool/refuse", B, false, PROTECTION),
                new ByteArrayInputStream(data))).isInstanceOf(RemoteEndpointException.class)
                .hasMessageContaining("cannot receive into pool/refuse: outside the client root");
    }

    @Test
    void pullStreamArrivesWholeWithTheResumeFlag() throws Exception {
        StepRequest step = new StepRequest("pool/a", Optional.of(A), B, Optional.of("1-tok"), false, PROTECTION);
        OutgoingStream out = remote.send(step);
        assertThat(out.usedResumeToken()).isTrue();
        try (InputStream in = out.stream()) {
            assertThat(sha(in.readAllBytes())).isEqualTo(sha(served.sendData));
        }
    }

    @Test
    void pullThatTheSenderRefusesFailsWithItsMessage() {
        StepRequest step = new StepRequest("pool/outside", Optional.empty(), B, Optional.empty(), false,
                PROTECTION);
        assertThatThrownBy(() -> remote.send(step)).isInstanceOf(RemoteEndpointException.class)
                .hasMessageContaining("pool/outside is not accepted by the filter");
    }

    @Test
    void unreachablePeerIsATemporaryConnectivityError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RemoteEndpoint nowhere = new RemoteEndpoint("push1", new TcpDialer(loops, "127.0.0.1", port,
                Duration.ofSeconds(2)), DataChannelConfig.defaults(), Duration.ofSeconds(10))) {
            assertThatThrownBy(nowhere::listFilesystems).isInstanceOf(TemporaryConnectivityException.class)
                    .hasMessageContaining("not reachable").hasMessageContaining("127.0.0.1:" + port);
            assertThatThrownBy(() -> nowhere.receive(new ReceiveStep("pool/a", B, false, PROTECTION),
                    new ByteArrayInputStream(new byte[10]))).isInstanceOf(TemporaryConnectivityException.class);
        }
    }

    @Test
    void aCallAfterAFailedDialDialsAgainAtOnceNotAfterGrpcsBackoff() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RemoteEndpoint late = new RemoteEndpoint("push1", new TcpDialer(loops, "127.0.0.1", port,
                Duration.ofSeconds(2)), DataChannelConfig.defaults(), Duration.ofSeconds(10))) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(late::listFilesystems).isInstanceOf(TemporaryConnectivityException.class);
            }
            // the peer comes up; gRPC's backoff after three failures would be several seconds by now
            try (TcpListener up = new TcpListener(loops, new InetSocketAddress("127.0.0.1", port), false,
                    client -> Optional.of("late"))) {
                up.start(server);
                assertThat(late.ping("now")).isEqualTo("now");
            }
        }
    }

    @Test
    void aClientNotInTheClientMapIsRefused() throws Exception {
        try (TcpListener strict = new TcpListener(loops, new InetSocketAddress("127.0.0.1", 0), false,
                client -> Optional.empty())) {
            strict.start(server);
            try (RemoteEndpoint stranger = new RemoteEndpoint("push1", new TcpDialer(loops, "127.0.0.1",
                    strict.localAddress().getPort(), Duration.ofSeconds(2)), DataChannelConfig.defaults(),
                    Duration.ofSeconds(10))) {
                assertThatThrownBy(stranger::listFilesystems).isInstanceOf(TemporaryConnectivityException.class);
            }
        }
        assertThat(remote.ping("still serving")).isEqualTo("still serving");
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A sender and receiver in memory, confined like the real ones: pool/outside and pool/refuse are refused. */
    static final class FakeEndpoint implements Sender, Receiver {
        final List<StepRequest> completed = new CopyOnWriteArrayList<>();
        final List<ReceiveStep> receivedSteps = new CopyOnWriteArrayList<>();
        volatile String receivedDigest;
        final byte[] sendData = random(2 * 1024 * 1024 + 3);

        @Override
        public List<EndpointFilesystem> listFilesystems() {
            return List.of(new EndpointFilesystem("pool/a", false, Optional.of("1-abc"), OptionalLong.of(1700000000L)),
                    new EndpointFilesystem("pool/b", true, Optional.empty(), OptionalLong.empty()));
        }

        @Override
        public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
            Map<String, List<FilesystemVersion>> out = new LinkedHashMap<>();
            for (String fs : filesystems) {
                out.put(fs, fs.equals("pool/a") ? List.of(BM, A, B) : List.of());
            }
            return out;
        }

        @Override
        public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
            return new DestroyOutcome(List.of("a"), Map.of("b", "dataset is busy"));
        }

        private static void confine(String fs) {
            if (fs.equals("pool/outside")) {
                throw new IllegalStateException(fs + " is not accepted by the filter");
            }
        }

        @Override
        public long estimateSize(StepRequest step) {
            confine(step.filesystem());
            return 12345;
        }

        @Override
        public OutgoingStream send(StepRequest step) {
            confine(step.filesystem());
            return new OutgoingStream(new ByteArrayInputStream(sendData), step.resumeToken().isPresent());
        }

        @Override
        public void sendCompleted(StepRequest step) {
            completed.add(step);
        }

        @Override
        public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
            Map<String, Optional<FilesystemVersion>> out = new LinkedHashMap<>();
            for (String fs : filesystems) {
                out.put(fs, fs.equals("pool/a") ? Optional.of(BM) : Optional.empty());
            }
            return out;
        }

        @Override
        public long receive(ReceiveStep step, InputStream stream) {
            try (InputStream s = stream) {
                if (step.filesystem().equals("pool/refuse")) {
                    throw new IllegalStateException("cannot receive into pool/refuse: outside the client root");
                }
                byte[] all = s.readAllBytes();
                receivedDigest = sha(all);
                receivedSteps.add(step);
                return all.length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
