package io.zreplcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the built application jar holds (run by the build in the package phase, after the shade plugin): the
 * components that the daemon's --help and docs/events.md call bundled, camel-jackson for the events, the network
 * transports (Netty with native epoll, gRPC, protobuf), and nothing that no code uses yet (SSHD, metrics) or that
 * only tests use (camel-jms,
 * the Artemis client and server, which the tests load from a lib directory).
 */
class ShadedJarIT {

    private static Set<String> entries;

    @BeforeAll
    static void list() throws IOException {
        String jar = System.getProperty("zrepl.test.shadedJar");
        assertThat(jar).as("zrepl.test.shadedJar (set by the build's shaded-jar execution, package phase)")
                .isNotNull();
        assertThat(Path.of(jar)).exists();
        try (JarFile f = new JarFile(jar)) {
            entries = new TreeSet<>(f.stream().map(ZipEntry::getName).toList());
        }
        assertThat(Files.size(Path.of(jar))).isPositive();
    }

    @Test
    void bundlesTheComponentsTheHelpNamesAndCamelJackson() {
        for (String scheme : List.of("log", "file", "seda", "direct", "bean", "class", "quartz", "zfs")) {
            assertThat(entries).as("component " + scheme).contains("META-INF/services/org/apache/camel/component/"
                    + scheme);
        }
        assertThat(entries).contains("META-INF/services/org/apache/camel/dataformat/jackson",
                "com/fasterxml/jackson/databind/ObjectMapper.class", "zrepl-routes/snap-job.yaml");
    }

    @Test
    void bundlesTheNetworkTransportsWithNativeEpollAndGrpc() {
        assertThat(entries).as("Netty with its native epoll library, gRPC (with its service providers), protobuf")
                .contains("io/netty/channel/epoll/Epoll.class",
                        "META-INF/native/libnetty_transport_native_epoll_x86_64.so",
                        "io/grpc/netty/NettyServerBuilder.class", "META-INF/services/io.grpc.ServerProvider",
                        "META-INF/services/io.grpc.ManagedChannelProvider",
                        "com/google/protobuf/GeneratedMessageV3.class",
                        "io/zreplcamel/rpc/proto/ReplicationGrpc.class");
    }

    @Test
    void bundlesMicrometerWithThePrometheusRegistry() {
        assertThat(entries).as("camel-micrometer, Micrometer's Prometheus registry and the text format writer")
                .contains("META-INF/services/org/apache/camel/component/micrometer",
                        "io/micrometer/prometheusmetrics/PrometheusMeterRegistry.class",
                        "org/apache/camel/component/micrometer/routepolicy/MicrometerRoutePolicyFactory.class")
                .anyMatch(e -> e.startsWith("io/prometheus/metrics/expositionformats/"));
    }

    @Test
    void leavesOutWhatNoCodeUsesYet() {
        for (String scheme : List.of("netty", "ssh", "grpc")) {
            assertThat(entries).as("component " + scheme)
                    .doesNotContain("META-INF/services/org/apache/camel/component/" + scheme);
        }
        assertThat(entries).as("Apache SSHD").noneMatch(e -> e.startsWith("org/apache/sshd/"));
    }

    @Test
    void leavesOutWhatOnlyTestsLoadFromALibDirectory() {
        assertThat(entries).doesNotContain("META-INF/services/org/apache/camel/component/jms")
                .noneMatch(e -> e.startsWith("org/apache/camel/component/jms/") || e.startsWith("jakarta/jms/")
                        || e.startsWith("org/apache/activemq/") || e.startsWith("org/springframework/"));
    }
}
