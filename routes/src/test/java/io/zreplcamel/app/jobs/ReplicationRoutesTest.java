package io.zreplcamel.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zreplcamel.app.transport.LocalOperation;
import io.zreplcamel.app.transport.LocalReceiverClient;
import io.zreplcamel.app.transport.LocalTransport;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.processors.endpoint.DestroyOutcome;
import io.zreplcamel.processors.endpoint.EndpointFilesystem;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.processors.job.InvocationReport;
import io.zreplcamel.processors.job.PruningReport;
import io.zreplcamel.processors.model.FilesystemVersion;
import io.zreplcamel.processors.replication.driver.AttemptReport;
import io.zreplcamel.processors.replication.driver.AttemptState;
import io.zreplcamel.processors.replication.driver.FilesystemReport;
import io.zreplcamel.processors.replication.driver.FilesystemState;
import io.zreplcamel.processors.replication.driver.ReplicationReport;
import io.zreplcamel.transport.tls.TestPki;
import io.zreplcamel.zfs.component.ZfsComponent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication job routes with in-memory endpoints in place of the zfs ones and a recording invocation in place
 * of the engine: a push tick snapshots, invokes through the sink's route and publishes one event; the sink's route
 * serves each client identity its own receiver; a pull with interval manual never runs by itself; two jobs on one
 * listener, and a listener nobody serves, are reported.
 */
class ReplicationRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private FakeZfsPool pool;
    private final List<String> receiversCreated = new CopyOnWriteArrayList<>();
    private final List<String> invocations = new CopyOnWriteArrayList<>();
    private final List<InputStream> received = new CopyOnWriteArrayList<>();

    @Override
    protected void doPostSetup() throws Exception {
        pool = FakeZfsPool.create(dir, "tank", "tank/a");
        context.getComponent("zfs", ZfsComponent.class).getConfiguration().setZfsCommand(pool.script().toString());
        var resources = PluginHelper.getResourceLoader(context);
        for (String f : List.of("push-job", "pull-job", "sink-job", "source-job")) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    resources.resolveResource("classpath:zrepl-routes/" + f + ".yaml"));
        }
    }

    /** Receivers and senders that answer from memory and record who asked. */
    private final JobEndpoints endpoints = new JobEndpoints() {
        @Override
        public Sender pushSender(PushJob job) {
            return new MemorySender();
        }

        @Override
        public Sender sourceSender(SourceJob job) {
            return new MemorySender();
        }

        @Override
        public Receiver pullReceiver(PullJob job) {
            return new MemoryReceiver(job.rootFs());
        }

        @Override
        public Receiver sinkReceiver(SinkJob job, String clientIdentity) {
            receiversCreated.add(clientIdentity);
            return new MemoryReceiver(job.rootFs() + "/" + clientIdentity);
        }
    };

    private final class MemoryReceiver implements Receiver {
        private final String root;

        MemoryReceiver(String root) {
            this.root = root;
        }

        @Override
        public List<EndpointFilesystem> listFilesystems() {
            return List.of(EndpointFilesystem.of(root + ":tank/a"));
        }

        @Override
        public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
            return Map.of();
        }

        @Override
        public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
            throw new IllegalStateException("cannot destroy below " + root + ": " + filesystem);
        }

        @Override
        public long receive(ReceiveStep step, InputStream stream) {
            received.add(stream);
            return 42;
        }
    }

    private static final class MemorySender implements Sender {
        @Override
        public List<EndpointFilesystem> listFilesystems() {
            return List.of(EndpointFilesystem.of("tank/a"));
        }

        @Override
        public Map<String, List<FilesystemVersion>> listVersions(Collection<String> filesystems) {
            return Map.of();
        }

        @Override
        public DestroyOutcome destroySnapshots(String filesystem, List<FilesystemVersion> snapshots) {
            return new DestroyOutcome(List.of(), Map.of());
        }

        @Override
        public long estimateSize(StepRequest step) {
            return 0;
        }

        @Override
        public OutgoingStream send(StepRequest step) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendCompleted(StepRequest step) {
        }

        @Override
        public Map<String, Optional<FilesystemVersion>> replicationCursors(Collection<String> filesystems) {
            return Map.of();
        }
    }

    /** The engine's part: lists both sides through whatever it was given, reports one done filesystem. */
    private InvocationReport invoke(String job, Sender sender, Receiver receiver) {
        String peer = receiver.listFilesystems().get(0).path() + " <- " + sender.listFilesystems().get(0).path();
        invocations.add(job + ": " + peer);
        Instant now = Instant.now();
        FilesystemReport fs = new FilesystemReport("tank/a", FilesystemState.DONE, 1, 1, 100, 100,
                Optional.empty(), Optional.empty(), Optional.empty());
        ReplicationReport r = new ReplicationReport(now, Optional.of(now), List.of(new AttemptReport(1, now,
                Optional.of(now), AttemptState.DONE, Optional.empty(), List.of(fs))));
        return new InvocationReport(job, now, now, r,
                new PruningReport("sender", List.of("tank/a@old"), Map.of(), Optional.empty()),
                new PruningReport("receiver", List.of(), Map.of("tank/a", "no cursor"), Optional.empty()));
    }

    private JobRoutes routes() {
        return new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC,
                Map.of("eventsUri", "mock:events", "tickMillis", "50"), endpoints,
                job -> (sender, receiver) -> invoke(job.name(), sender, receiver));
    }

    private ZreplConfig config(String yaml) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("zrepl.yml"), yaml));
    }

    private static final String PUSH_SINK = """
            jobs:
              - name: backup
                type: push
                connect: {type: local, listener_name: vault, client_identity: laptop}
                filesystems: {"tank<": true}
                snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}
                pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
              - name: vault
                type: sink
                root_fs: backups
                serve: {type: local, listener_name: vault}
            """;

    @Test
    void aPushTickSnapshotsInvokesThroughTheSinkAndPublishesOneEvent() throws Exception {
        List<String> ids = routes().install(config(PUSH_SINK));
        assertThat(ids).containsExactly("job-backup-push", "job-vault-sink");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
        // periodic, no snapshot yet: the first run is due at once, the next one an hour later, so exactly one
        Thread.sleep(300);
        events.assertIsSatisfied();

        assertThat(invocations).containsExactly("backup: backups/laptop:tank/a <- tank/a");
        assertThat(receiversCreated).containsExactly("laptop");
        assertThat(pool.calls()).anyMatch(c -> c.startsWith("snapshot") && c.contains("tank/a@zrepl_"));

        Map<?, ?> event = new ObjectMapper().readValue(events.getExchanges().get(0).getMessage().getBody(String.class),
                Map.class);
        assertThat(event.get("type")).isEqualTo("push-run");
        assertThat(event.get("job")).isEqualTo("backup");
        assertThat(event.get("kind")).isEqualTo("push");
        assertThat(event.get("ok")).isEqualTo(false); // the receiver side could not be pruned
        assertThat((List<?>) event.get("snapshots")).hasSize(2);
        Map<?, ?> replication = (Map<?, ?>) event.get("replication");
        assertThat(replication.get("state")).isEqualTo("done");
        assertThat((List<?>) replication.get("attempts")).hasSize(1);
        assertThat((List<?>) replication.get("filesystems")).singleElement().satisfies(fs -> {
            assertThat(((Map<?, ?>) fs).get("filesystem")).isEqualTo("tank/a");
            assertThat(((Map<?, ?>) fs).get("state")).isEqualTo("done");
            assertThat(((Map<?, ?>) fs).get("bytesReplicated")).isEqualTo(100);
        });
        Map<?, ?> pruning = (Map<?, ?>) event.get("pruning");
        assertThat(((Map<?, ?>) pruning.get("sender")).get("destroyed")).isEqualTo(List.of("tank/a@old"));
        assertThat(((Map<?, ?>) pruning.get("receiver")).get("failed")).isEqualTo(Map.of("tank/a", "no cursor"));
        assertThat(event.get("nextRun")).isNotNull();
    }

    @Test
    void aPushOverTcpReachesTheSinksRouteWithTheIdentityOfItsClientAddress() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> ids = routes().install(config(PUSH_SINK
                .replace("connect: {type: local, listener_name: vault, client_identity: laptop}",
                        "connect: {type: tcp, address: \"127.0.0.1:" + port + "\"}")
                .replace("serve: {type: local, listener_name: vault}",
                        "serve: {type: tcp, listen: \"127.0.0.1:" + port + "\", clients: {\"127.0.0.1\": desk}}")));
        assertThat(ids).containsExactly("job-backup-push", "job-vault-sink");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
        // the engine's listing of the sink went over tcp, through the sink's route, as client "desk"
        assertThat(invocations).containsExactly("backup: backups/desk:tank/a <- tank/a");
        assertThat(receiversCreated).containsExactly("desk");
    }

    @Test
    void aPushOverTlsReachesTheSinksRouteWithTheIdentityOfItsClientCertificate() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestPki pki = TestPki.newCa(dir, "ca");
        TestPki.Issued server = pki.issue("vault-host", "vault.example");
        TestPki.Issued client = pki.issue("laptop-cert");
        // the sink first: its listener is set up before the push route starts (its first run is due at once;
        // the listeners are bound once every route is installed)
        int sinkAt = PUSH_SINK.indexOf("  - name: vault");
        String sinkFirst = "jobs:\n" + PUSH_SINK.substring(sinkAt) + PUSH_SINK.substring("jobs:\n".length(), sinkAt);
        List<String> ids = routes().install(config(sinkFirst
                .replace("connect: {type: local, listener_name: vault, client_identity: laptop}",
                        "connect: {type: tls, address: \"127.0.0.1:" + port + "\", ca: " + pki.caFile()
                                + ", cert: " + client.cert() + ", key: " + client.key()
                                + ", server_cn: vault.example}")
                .replace("serve: {type: local, listener_name: vault}",
                        "serve: {type: tls, listen: \"127.0.0.1:" + port + "\", ca: " + pki.caFile()
                                + ", cert: " + server.cert() + ", key: " + server.key()
                                + ", client_cns: [other, laptop-cert]}")));
        assertThat(ids).containsExactly("job-vault-sink", "job-backup-push");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
        // the engine's listing of the sink went over tls, through the sink's route, as the certificate's CN
        assertThat(invocations).containsExactly("backup: backups/laptop-cert:tank/a <- tank/a");
        assertThat(receiversCreated).containsExactly("laptop-cert");
    }

    @Test
    void aTlsServeWhoseKeyIsNotItsCertificatesFailsTheInstallWithTheJobAndTheFile() throws Exception {
        TestPki pki = TestPki.newCa(dir, "ca");
        TestPki.Issued server = pki.issue("vault-host", "vault.example");
        TestPki.Issued other = pki.issue("other");
        ZreplConfig config = config(PUSH_SINK.replace("serve: {type: local, listener_name: vault}",
                "serve: {type: tls, listen: \"127.0.0.1:0\", ca: " + pki.caFile() + ", cert: " + server.cert()
                        + ", key: " + other.key() + ", client_cns: [laptop]}"));
        assertThatThrownBy(() -> routes().install(config)).hasMessageStartingWith("job vault: serve: " + other.key())
                .hasMessageContaining("does not belong to the certificate in " + server.cert());
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void theSinkRouteServesEachClientIdentityItsOwnReceiverAndPassesStreamsByReference() throws Exception {
        JobRoutes routes = routes();
        routes.install(config(PUSH_SINK.replace("snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}",
                "snapshotting: {type: manual}")));
        String uri = routes.listeners().endpointUri("vault");
        for (String identity : List.of("laptop", "desktop", "laptop")) {
            Exchange reply = template.request(uri, e -> {
                e.getMessage().setHeader(LocalTransport.OPERATION, LocalOperation.LIST_FILESYSTEMS.name());
                e.getMessage().setHeader(LocalTransport.CLIENT_IDENTITY, identity);
                e.getMessage().setBody(LocalTransport.Call.of());
            });
            LocalTransport.Reply r = reply.getMessage().getBody(LocalTransport.Reply.class);
            assertThat(r.failure()).isNull();
            assertThat(r.value()).isEqualTo(List.of(EndpointFilesystem.of("backups/" + identity + ":tank/a")));
        }
        assertThat(receiversCreated).containsExactly("laptop", "desktop");

        // the push side's proxy: results, failures and the stream object itself cross the route unchanged
        LocalReceiverClient sink = new LocalReceiverClient(context, uri, "vault", "backup", "laptop",
                Duration.ofSeconds(1));
        InputStream stream = new ByteArrayInputStream(new byte[] {1, 2, 3});
        FilesystemVersion to = new FilesystemVersion("s1", FilesystemVersion.Kind.SNAPSHOT, 7, 1, Instant.EPOCH);
        assertThat(sink.receive(new ReceiveStep("tank/a", to, false, new io.zreplcamel.processors.endpoint.Protection(
                io.zreplcamel.config.model.sendrecv.GuaranteeKind.GUARANTEE_RESUMABILITY,
                io.zreplcamel.config.model.sendrecv.GuaranteeKind.GUARANTEE_RESUMABILITY)), stream)).isEqualTo(42);
        assertThat(received).singleElement().isSameAs(stream);
        assertThatThrownBy(() -> sink.destroySnapshots("tank/a", List.of(to)))
                .isInstanceOf(IllegalStateException.class).hasMessage("cannot destroy below backups/laptop: tank/a");
    }

    @Test
    void aPullWithIntervalManualDoesNotRunByItself() throws Exception {
        List<String> ids = routes().install(config("""
                jobs:
                  - name: fetch
                    type: pull
                    connect: {type: local, listener_name: prod, client_identity: backupserver}
                    root_fs: backups
                    interval: manual
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                  - name: fetch-often
                    type: pull
                    connect: {type: local, listener_name: prod, client_identity: other}
                    root_fs: other
                    interval: 1s
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                  - name: prod
                    type: source
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    serve: {type: local, listener_name: prod}
                """));
        assertThat(ids).containsExactly("job-fetch-pull", "job-fetch-often-pull", "job-prod-source",
                "job-prod-source-serve");
        MockEndpoint events = getMockEndpoint("mock:events");
        events.setMinimumExpectedMessageCount(1);
        events.setResultWaitTime(20_000);
        events.assertIsSatisfied();
        Thread.sleep(500);
        // the interval job ran (one interval after start), through the source's route; the manual one never
        assertThat(invocations).isNotEmpty().allMatch(i -> i.equals("fetch-often: other:tank/a <- tank/a"));
        assertThat(events.getExchanges()).allMatch(e -> e.getMessage().getBody(String.class)
                .contains("\"job\":\"fetch-often\""));
    }

    @Test
    void anInvocationInFlightWhileTheDaemonStopsStillReachesTheSink() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        List<String> lateCalls = new CopyOnWriteArrayList<>();
        new JobRoutes(context, Clock.systemUTC(), ZoneOffset.UTC, Map.of("eventsUri", "mock:events", "tickMillis",
                "50"), endpoints, job -> (sender, receiver) -> {
                    started.countDown();
                    try {
                        Thread.sleep(1500); // the context is stopping meanwhile
                        lateCalls.add(receiver.listFilesystems().get(0).path());
                    } catch (RuntimeException e) {
                        lateCalls.add("failed: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return invoke(job.name(), sender, receiver);
                }).install(config(PUSH_SINK));
        assertThat(started.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        context.stop();
        // the sink still serves while the push finishes (its route is also marked shutdownRoute: Defer)
        assertThat(lateCalls).containsExactly("backups/laptop:tank/a");
    }

    @Test
    void twoJobsOnOneListenerInstallNothing() throws Exception {
        ZreplConfig config = config(PUSH_SINK + """
                  - name: vault2
                    type: sink
                    root_fs: other
                    serve: {type: local, listener_name: vault}
                """);
        assertThatThrownBy(() -> routes().install(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jobs vault and vault2 both serve local listener_name \"vault\"");
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void aListenerThatIsNotServingIsATemporaryConnectivityError() {
        LocalReceiverClient nobody = new LocalReceiverClient(context, "direct:zrepl-local-nobody", "nobody",
                "backup", "laptop", Duration.ofMillis(100));
        assertThatThrownBy(nobody::listFilesystems).isInstanceOf(TemporaryConnectivityException.class)
                .hasMessageContaining("local listener \"nobody\" is not serving");
    }
}
