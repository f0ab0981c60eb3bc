package io.zreplcamel.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.DataPipeline;
import io.zreplcamel.transport.data.DigestSink;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.data.PatternSource;
import io.zreplcamel.transport.data.StreamOutcome;
import io.zreplcamel.transport.data.StreamReceiver;
import io.zreplcamel.transport.data.StreamSender;
import io.zreplcamel.transport.frame.Hello;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tls transport on 127.0.0.1 with certificates made by the test: a stream over mutual TLS, every refusal the
 * listener makes (and that it goes on serving), and how the dialer classifies what went wrong.
 */
@Timeout(120)
class TlsTransportTest {

    private static final long MiB = 1 << 20;
    private static final DataChannelConfig CONFIG = DataChannelConfig.defaults();
    private static final String SERVER_NAME = "backup.example";

    @TempDir
    Path dir;
    EventLoops loops;
    TestPki pki;
    TestPki.Issued serverCert;
    TestPki.Issued clientCert;
    LogCapture log;
    final List<TlsListener> listeners = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        loops = EventLoops.create(2);
        pki = TestPki.newCa(dir, "ca");
        serverCert = pki.issue("server", SERVER_NAME);
        clientCert = pki.issue("client1");
        log = new LogCapture(TlsListener.class);
    }

    @AfterEach
    void tearDown() {
        listeners.forEach(TlsListener::close);
        log.close();
        loops.close();
    }

    /** Receives one stream per connection into the next DigestSink and records the identity it was given. */
    final class ReceivingProtocol implements ProtocolInstaller {
        final DataChannelConfig config;
        final java.util.function.Supplier<DigestSink> newSink;
        ReceivingProtocol() {
            this(CONFIG, DigestSink::new);
        }
        ReceivingProtocol(DataChannelConfig config, java.util.function.Supplier<DigestSink> newSink) {
            this.config = config;
            this.newSink = newSink;
        }
        final List<String> identities = new CopyOnWriteArrayList<>();
        final List<String> tlsVersions = new CopyOnWriteArrayList<>();
        final List<DigestSink> sinks = new CopyOnWriteArrayList<>();
        final CompletableFuture<StreamOutcome> first = new CompletableFuture<>();

        @Override
        public void install(Channel channel, String peerIdentity) {
            identities.add(peerIdentity);
            tlsVersions.add(channel.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
            DigestSink sink = newSink.get();
            sinks.add(sink);
            StreamReceiver receiver = new StreamReceiver(config, sink);
            receiver.outcome().whenComplete((o, e) -> {
                if (o != null) {
                    first.complete(o);
                } else {
                    first.completeExceptionally(e);
                }
            });
            DataPipeline.init(channel, config, Hello.Role.SERVER, hello -> receiver, new CompletableFuture<>());
        }
    }

    private TlsListener listen(TestPki.Issued cert, List<String> clientCns, Duration handshakeTimeout,
                               ProtocolInstaller protocol) throws InterruptedException {
        TlsListener l = new TlsListener(loops, new InetSocketAddress("127.0.0.1", 0), false,
                TlsCredentials.load(pki.caFile(), cert.cert(), cert.key()), clientCns, handshakeTimeout);
        listeners.add(l);
        l.start(protocol);
        return l;
    }

    private TlsDialer dialer(TlsListener l, Path ca, TestPki.Issued cert, String serverCn, Duration dialTimeout) {
        return new TlsDialer(loops, "127.0.0.1", l.localAddress().getPort(), TlsCredentials.load(ca, cert.cert(),
                cert.key()), serverCn, dialTimeout);
    }

    /** Dials, sends {@code size} bytes as one stream; returns the sender's outcome. */
    private static StreamOutcome sendStream(TlsDialer d, long size, long seed, List<Channel> channel)
            throws Exception {
        return sendStream(d, CONFIG, size, seed, channel);
    }

    private static StreamOutcome sendStream(TlsDialer d, DataChannelConfig config, long size, long seed,
                                            List<Channel> channel) throws Exception {
        StreamSender sender = new StreamSender(config);
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        Channel ch = d.dial((c, peer) -> DataPipeline.init(c, config, Hello.Role.CLIENT, hello -> sender, handshake))
                .get(10, TimeUnit.SECONDS);
        channel.add(ch);
        handshake.get(10, TimeUnit.SECONDS);
        return sender.send(new PatternSource(size, seed));
    }

    @Test
    void aStreamOverMutualTlsArrivesWholeWithTheClientsCnAsItsIdentity() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("other", "client1"), Duration.ofSeconds(10), protocol);
        List<Channel> channel = new CopyOnWriteArrayList<>();

        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)),
                24 * MiB, 7, channel);
        StreamOutcome received = protocol.first.get(30, TimeUnit.SECONDS);

        assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(received.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(received.bytes()).isEqualTo(24 * MiB);
        assertThat(protocol.sinks.get(0).sha256()).isEqualTo(PatternSource.sha256(24 * MiB, 7));
        assertThat(protocol.identities).containsExactly("client1");
        assertThat(protocol.tlsVersions).containsExactly("TLSv1.3");
        assertThat(log.lines()).noneMatch(line -> line.startsWith("WARN"));
    }

    @Test
    void aLongStreamIntoASlowSinkOutlastsTheIdleTimeout() throws Exception {
        DataChannelConfig config = CONFIG.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1));
        // on one CPU with the JVM's AES intrinsics off (-XX:-UseAES...), as slow as TLS under an emulated guest, this
        // stream failed on the sender's idle timeout until the receiver's taking data counted as a sign of life
        long size = 24 * MiB;
        ReceivingProtocol protocol = new ReceivingProtocol(config, () -> new DigestSink() {
            @Override
            protected void before(int len) throws java.io.IOException {
                try {
                    Thread.sleep(len / (8 * 1024)); // about 8 MiB/s: the stream lasts three idle timeouts
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
            }
        });
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), protocol);

        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)),
                config, size, 11, new CopyOnWriteArrayList<>());
        StreamOutcome received = protocol.first.get(60, TimeUnit.SECONDS);

        assertThat(sent.status()).as(sent.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(received.status()).as(received.toString()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(protocol.sinks.get(0).sha256()).isEqualTo(PatternSource.sha256(size, 11));
    }

    @Test
    void pkcs1RsaAndSec1EcKeysWorkForARealHandshake() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TestPki.Issued rsaServer = pki.issue("server", List.of(SERVER_NAME), TestPki.KeyFormat.PKCS1_RSA);
        TestPki.Issued ecClient = pki.issue("client1", List.of(), TestPki.KeyFormat.SEC1_EC);
        TlsListener l = listen(rsaServer, List.of("client1"), Duration.ofSeconds(10), protocol);

        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), ecClient, SERVER_NAME, Duration.ofSeconds(5)),
                3 * MiB + 5, 3, new CopyOnWriteArrayList<>());

        assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(protocol.first.get(30, TimeUnit.SECONDS).bytes()).isEqualTo(3 * MiB + 5);
        assertThat(protocol.sinks.get(0).sha256()).isEqualTo(PatternSource.sha256(3 * MiB + 5, 3));
        assertThat(protocol.identities).containsExactly("client1");
    }

    @Test
    void ed25519CertificatesWorkForARealHandshake() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TestPki.Issued edServer = pki.issue("server", List.of(SERVER_NAME), TestPki.KeyFormat.PKCS8_ED25519);
        TestPki.Issued edClient = pki.issue("client1", List.of(), TestPki.KeyFormat.PKCS8_ED25519);
        TlsListener l = listen(edServer, List.of("client1"), Duration.ofSeconds(10), protocol);

        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), edClient, SERVER_NAME, Duration.ofSeconds(5)),
                100_000, 4, new CopyOnWriteArrayList<>());

        assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(protocol.identities).containsExactly("client1");
    }

    /** After a refusal the listener must still serve a good client. */
    private void assertStillServes(TlsListener l, ReceivingProtocol protocol) throws Exception {
        int before = protocol.identities.size();
        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)),
                MiB, 1, new CopyOnWriteArrayList<>());
        assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);
        assertThat(protocol.identities).hasSize(before + 1).last().isEqualTo("client1");
    }

    @Test
    void aClientWithoutACertificateIsRefusedWithAWarning() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), protocol);

        // a JDK client that trusts our CA but has no key manager: it can only send an empty certificate list
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", pki.caCertificate());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", l.localAddress().getPort())) {
            s.setSoTimeout(5000);
            try {
                s.startHandshake();
                s.getOutputStream().write(1);
                s.getInputStream().read(); // TLS 1.3: the refusal arrives after the client's side of the handshake
            } catch (java.io.IOException expected) {
                // the server's alert
            }
        }

        assertThat(log.awaitWarn("presented no certificate", Duration.ofSeconds(5))).isNotNull()
                .contains("refused connection from 127.0.0.1:");
        assertThat(protocol.identities).isEmpty();
        assertStillServes(l, protocol);
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), protocol);
        TestPki.Issued stranger = TestPki.newCa(dir, "other").issue("client1");

        tryStream(dialer(l, pki.caFile(), stranger, SERVER_NAME, Duration.ofSeconds(5)));

        assertThat(log.awaitWarn("client certificate is not signed by the ca", Duration.ofSeconds(5))).isNotNull()
                .contains(pki.caFile().toString());
        assertThat(protocol.identities).isEmpty();
        assertStillServes(l, protocol);
    }

    @Test
    void aClientCnNotInClientCnsIsRefused() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), protocol);

        tryStream(dialer(l, pki.caFile(), pki.issue("intruder"), SERVER_NAME, Duration.ofSeconds(5)));

        assertThat(log.awaitWarn("unauthorized client common name \"intruder\"", Duration.ofSeconds(5)))
                .isNotNull().contains("not in client_cns");
        assertThat(protocol.identities).isEmpty();
        assertStillServes(l, protocol);
    }

    @Test
    void aClientThatDoesNotFinishTheHandshakeInTimeIsRefused() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofMillis(300), protocol);

        try (Socket silent = new Socket("127.0.0.1", l.localAddress().getPort())) {
            silent.setSoTimeout(5000);
            String warn = log.awaitWarn("TLS handshake not finished within handshake_timeout 300 ms",
                    Duration.ofSeconds(5));
            assertThat(warn).isNotNull();
            InputStream in = silent.getInputStream();
            assertThat(in.read()).as("the listener closed the silent connection").isEqualTo(-1);
        }
        assertThat(protocol.identities).isEmpty();
        assertStillServes(l, protocol);
    }

    @Test
    void aPlainTcpClientIsRefusedAsNotTls() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), protocol);

        try (Socket plain = new Socket("127.0.0.1", l.localAddress().getPort())) {
            plain.getOutputStream().write("ZRCWIRE\0 hello there, no TLS here".getBytes());
            assertThat(log.awaitWarn("not a TLS client", Duration.ofSeconds(5))).isNotNull();
        }
        assertStillServes(l, protocol);
    }

    /** A dial whose outcome is the server's business; the test looks at the server's side. */
    private static void tryStream(TlsDialer d) {
        try {
            sendStream(d, 64 * 1024, 1, new CopyOnWriteArrayList<>());
        } catch (Exception expected) {
            // refused by the server: the dial or the handshake fails
        }
    }

    private static DialException dialFailure(TlsDialer d) {
        CompletableFuture<Channel> f = d.dial((c, peer) -> {
            throw new AssertionError("the protocol must not be installed");
        });
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(DialException.class);
            return (DialException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the dial succeeded");
    }

    @Test
    void aServerCertificateNotSignedByTheCaIsAPermanentDialError() throws Exception {
        TestPki.Issued impostor = TestPki.newCa(dir, "other").issue("server", SERVER_NAME);
        TlsListener l = listen(impostor, List.of("client1"), Duration.ofSeconds(10), new ReceivingProtocol());

        DialException e = dialFailure(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("tls 127.0.0.1:" + l.localAddress().getPort())
                .contains("server certificate is not signed by the ca").contains(pki.caFile().toString());
    }

    @Test
    void anExpiredServerCertificateIsAPermanentDialError() throws Exception {
        TestPki.Issued expired = pki.issue("server", List.of(SERVER_NAME), TestPki.KeyFormat.PKCS8_EC,
                Duration.ofDays(-2));
        TlsListener l = listen(expired, List.of("client1"), Duration.ofSeconds(10), new ReceivingProtocol());

        DialException e = dialFailure(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("server certificate is not valid").contains("validity check failed")
                .doesNotContain("not signed");
    }

    @Test
    void aServerCertificateForAnotherNameIsAPermanentDialError() throws Exception {
        TlsListener l = listen(serverCert, List.of("client1"), Duration.ofSeconds(10), new ReceivingProtocol());

        DialException e = dialFailure(dialer(l, pki.caFile(), clientCert, "prod.example", Duration.ofSeconds(5)));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("does not match server_cn \"prod.example\"")
                .contains("valid for [" + SERVER_NAME + "]");
    }

    @Test
    void aServerCertificateWithoutSansIsCheckedByItsCn() throws Exception {
        ReceivingProtocol protocol = new ReceivingProtocol();
        TlsListener l = listen(pki.issue(SERVER_NAME), List.of("client1"), Duration.ofSeconds(10), protocol);

        StreamOutcome sent = sendStream(dialer(l, pki.caFile(), clientCert, SERVER_NAME, Duration.ofSeconds(5)),
                1000, 2, new CopyOnWriteArrayList<>());
        assertThat(sent.status()).isEqualTo(StreamOutcome.Status.COMPLETE);

        DialException e = dialFailure(dialer(l, pki.caFile(), clientCert, "server", Duration.ofSeconds(5)));
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("its common name is \"" + SERVER_NAME + "\"");
    }

    @Test
    void aRefusedConnectionIsATemporaryDialError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TlsDialer d = new TlsDialer(loops, "127.0.0.1", port, TlsCredentials.load(pki.caFile(), clientCert.cert(),
                clientCert.key()), SERVER_NAME, Duration.ofSeconds(2));

        DialException e = dialFailure(d);

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("tls 127.0.0.1:" + port).contains("cannot connect");
    }

    @Test
    void aServerThatNeverHandshakesIsATemporaryDialTimeout() throws Exception {
        // the kernel accepts into the backlog; nobody ever answers the ClientHello
        try (ServerSocket mute = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            TlsDialer d = new TlsDialer(loops, "127.0.0.1", mute.getLocalPort(), TlsCredentials.load(pki.caFile(),
                    clientCert.cert(), clientCert.key()), SERVER_NAME, Duration.ofMillis(400));
            long start = System.nanoTime();

            DialException e = dialFailure(d);

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("dial_timeout of 400 ms exceeded");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aListenerNeedsClientCns() {
        TlsCredentials c = TlsCredentials.load(pki.caFile(), serverCert.cert(), serverCert.key());
        assertThatThrownBy(() -> new TlsListener(loops, new InetSocketAddress("127.0.0.1", 0), false, c, List.of(),
                Duration.ofSeconds(1))).hasMessageContaining("client_cns");
    }
}
