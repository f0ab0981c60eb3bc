package io.zreplcamel.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zreplcamel.app.cli.ZreplCamelCli;
import io.zreplcamel.app.jobs.FakeZfsPool;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin adds a Camel component that zrepl-camel does not bundle, without rebuilding it: camel-jms and the
 * ActiveMQ Artemis JMS client, copied by the build into {@code target/extra-lib} as an admin would copy them into
 * {@code /usr/share/zrepl-camel/lib}, and configured in a properties file (a {@code camel.beans.*} connection
 * factory, {@code camel.component.jms.connection-factory}, {@code zrepl.events.uri}). The daemon runs as its own
 * process with the class path of the shaded jar (the runtime scope: neither camel-jms nor any JMS client), runs a
 * snap job against a fake zfs, and the run's event arrives at a real Artemis broker started here, read by a plain
 * JMS consumer. Without {@code --lib} the same daemon does not start.
 */
class ExtraLibJmsEventsTest {

    private static final String QUEUE = "zrepl.events";

    @TempDir
    Path dir;

    private EmbeddedActiveMQ broker;
    private String brokerUrl;
    private final List<Process> daemons = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        brokerUrl = "tcp://127.0.0.1:" + port;
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", brokerUrl);
        config.setBrokerInstance(dir.resolve("broker").toFile());
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : daemons) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aSnapRunsEventReachesTheBrokerThroughCamelJmsFromALibDirectory() throws Exception {
        assertThat(daemonClasspath()).as("the daemon's class path has no JMS at all")
                .noneMatch(e -> e.getFileName().toString().matches("(camel-jms|artemis-|jakarta\\.jms|spring-).*"));
        Path extraLib = Path.of(System.getProperty("zrepl.test.extraLib"));
        try (var jars = Files.list(extraLib)) {
            assertThat(jars.map(j -> j.getFileName().toString())).as("target/extra-lib")
                    .anyMatch(j -> j.startsWith("camel-jms-")).anyMatch(j -> j.startsWith("artemis-jakarta-client-"));
        }

        FakeZfsPool pool = FakeZfsPool.create(Files.createDirectories(dir.resolve("pool")), "tank", "tank/a");
        Path config = Files.writeString(dir.resolve("zrepl.yml"), """
                global: {control: {sockpath: "%s"}}
                jobs:
                  - name: jmsjob
                    type: snap
                    filesystems: {"tank<": true}
                    snapshotting:
                      type: periodic
                      prefix: zrepl_
                      interval: 1h
                    pruning:
                      keep:
                        - {type: last_n, count: 5}
                """.formatted(dir.resolve("run/control")));
        Path properties = Files.writeString(dir.resolve("application.properties"), """
                # the JMS connection factory: a class from the lib directory, as a camel-main bean
                camel.beans.artemis=#class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory
                camel.beans.artemis.brokerURL=%s
                camel.component.jms.connection-factory=#bean:artemis
                camel.component.zfs.configuration.zfs-command=%s
                zrepl.events.uri=jms:queue:%s
                """.formatted(brokerUrl, pool.script(), QUEUE));

        try (JMSContext jms = new ActiveMQConnectionFactory(brokerUrl).createContext();
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(QUEUE))) {
            Process daemon = startDaemon("daemon", "--config", config.toString(), "--lib", extraLib.toString(),
                    "--properties", properties.toString(), "--tick", "100");
            Message message = consumer.receive(TimeUnit.SECONDS.toMillis(90));
            assertThat(message).as("an event within 90 s; daemon output:\n%s", output(daemon)).isNotNull();
            assertThat(message).isInstanceOf(TextMessage.class);

            JsonNode event = new ObjectMapper().readTree(((TextMessage) message).getText());
            assertThat(event.path("type").asText()).isEqualTo("snap-run");
            assertThat(event.path("job").asText()).isEqualTo("jmsjob");
            assertThat(event.path("ok").asBoolean()).as(event.toString()).isTrue();
            assertThat(event.path("started").isTextual()).as("ISO-8601 text, not a number").isTrue();
            assertThat(event.path("started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
            List<String> taken = new ArrayList<>();
            for (JsonNode fs : event.path("snapshots")) {
                assertThat(fs.path("state").asText()).isEqualTo("DONE");
                taken.add(fs.path("filesystem").asText() + "@" + fs.path("snapshot").asText());
            }
            assertThat(taken).hasSize(2).allMatch(s -> s.matches("tank(/a)?@zrepl_\\d{8}_\\d{6}_000"));
            assertThat(pool.snapshots()).as("the event tells what the job did").containsExactlyInAnyOrderElementsOf(
                    taken);

            stop(daemon);
        }
    }

    @Test
    void withoutTheLibDirectoryTheDaemonDoesNotStart() throws Exception {
        Path config = Files.writeString(dir.resolve("zrepl.yml"), "global: {control: {sockpath: \""
                + dir.resolve("run/control") + "\"}}\njobs: []\n");
        Path properties = Files.writeString(dir.resolve("application.properties"), """
                camel.beans.artemis=#class:org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory
                camel.beans.artemis.brokerURL=%s
                camel.component.jms.connection-factory=#bean:artemis
                """.formatted(brokerUrl));
        Process daemon = startDaemon("daemon", "--config", config.toString(), "--properties", properties.toString());
        assertThat(daemon.waitFor(90, TimeUnit.SECONDS)).as("the daemon gives up").isTrue();
        assertThat(daemon.exitValue()).isNotZero();
        assertThat(output(daemon)).contains("org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory");
    }

    private Process startDaemon(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("zrepl.test.classes") + File.pathSeparator
                + String.join(File.pathSeparator, daemonClasspath().stream().map(Path::toString).toList());
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classpath, ZreplCamelCli.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon-" + daemons.size() + ".log").toFile());
        pb.environment().remove(ExtraLibs.ENV);
        Process p = pb.start();
        daemons.add(p);
        return p;
    }

    private String output(Process daemon) throws IOException {
        return Files.readString(dir.resolve("daemon-" + daemons.indexOf(daemon) + ".log"));
    }

    private void stop(Process daemon) throws Exception {
        // as an init system stops it; Process.destroy() would be SIGTERM too, but say so
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon.pid())).inheritIO().start().waitFor();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("daemon stops after SIGTERM").isTrue();
        assertThat(daemon.exitValue()).as("exit status; output:\n%s", output(daemon)).isIn(0, 143);
    }

    /** The runtime class path the build wrote (target/daemon-classpath.txt): what the shaded jar is made of. */
    private static List<Path> daemonClasspath() throws IOException {
        String text = Files.readString(Path.of(System.getProperty("zrepl.test.daemonClasspath"))).trim();
        return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
