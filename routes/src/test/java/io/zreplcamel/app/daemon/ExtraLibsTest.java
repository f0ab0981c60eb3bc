package io.zreplcamel.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zreplcamel.config.ConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.spi.CamelContextTracker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jars from a lib directory extend the daemon as Camel's own discovery would on the class path: a component found
 * by its {@code META-INF/services/org/apache/camel/component/<scheme>} file and configured by
 * {@code camel.component.*} properties, a type converter found by its {@code TypeConverterLoader} file, and a
 * {@code camel.beans.*} bean of a class that only the jar has. The jar is compiled here, so none of it is on the
 * test class path. (ExtraLibJmsEventsTest proves the same with a real component against a real broker.)
 */
class ExtraLibsTest {

    private static final String GREETER = """
            package probe;
            public class ProbeGreeter {
                private String greeting = "hello";
                public String getGreeting() { return greeting; }
                public void setGreeting(String greeting) { this.greeting = greeting; }
            }
            """;
    private static final String COMPONENT = """
            package probe;
            public class ProbeComponent extends org.apache.camel.component.seda.SedaComponent {
            }
            """;
    private static final String CONVERTER_LOADER = """
            package probe;
            public class ProbeConverterLoader implements org.apache.camel.spi.TypeConverterLoader {
                @Override
                public void load(org.apache.camel.spi.TypeConverterRegistry registry) {
                    registry.addTypeConverter(String.class, ProbeGreeter.class,
                            new org.apache.camel.support.SimpleTypeConverter(false,
                                    (type, exchange, value) -> "greeting: " + ((ProbeGreeter) value).getGreeting()));
                }
            }
            """;

    @TempDir
    Path dir;

    private Path lib;
    private Path properties;
    private Path config;

    @BeforeEach
    void probeJar() throws IOException {
        lib = Files.createDirectories(dir.resolve("lib"));
        Path classes = compile(Map.of("ProbeGreeter", GREETER, "ProbeComponent", COMPONENT,
                "ProbeConverterLoader", CONVERTER_LOADER));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("zrepl-probe.jar")))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    entry(jar, classes.relativize(f).toString(), Files.readAllBytes(f));
                }
            }
            entry(jar, "META-INF/services/org/apache/camel/component/zrepl-probe",
                    "class=probe.ProbeComponent\n".getBytes());
            entry(jar, "META-INF/services/org/apache/camel/TypeConverterLoader",
                    "probe.ProbeConverterLoader\n".getBytes());
        }
        Files.writeString(lib.resolve("README.txt"), "not a jar, ignored\n");
        properties = Files.writeString(dir.resolve("application.properties"), """
                camel.beans.greeter=#class:probe.ProbeGreeter
                camel.beans.greeter.greeting=hi from the lib
                camel.component.zrepl-probe.queue-size=7
                zrepl.events.uri=zrepl-probe:events
                """);
        config = Files.writeString(dir.resolve("zrepl.yml"), "global: {control: {sockpath: \""
                + dir.resolve("run/control") + "\"}}\njobs: []\n");
    }

    @Test
    void componentConverterAndBeanOfALibJarWork() throws Exception {
        assertThat(ExtraLibs.class.getClassLoader().getResource("probe/ProbeGreeter.class"))
                .as("the probe is not on the test class path").isNull();
        ExtraLibs libs = ExtraLibs.of(List.of(lib));
        assertThat(libs.jars()).containsExactly(lib.resolve("zrepl-probe.jar"));

        ZreplDaemon daemon = new ZreplDaemon(null, ConfigLoader.load(config), Map.of()).withLibs(libs)
                .withProperties(DaemonProperties.load(properties)).withMaxDurationSeconds(60);
        Started started = Started.run(daemon);
        try {
            CamelContext context = started.context;
            Component component = context.getComponent("zrepl-probe");
            assertThat(component.getClass().getName()).isEqualTo("probe.ProbeComponent");
            assertThat(component.getClass().getClassLoader()).isSameAs(context.getApplicationContextClassLoader())
                    .isNotSameAs(ExtraLibs.class.getClassLoader());
            assertThat(((SedaComponent) component).getQueueSize()).as("camel.component.zrepl-probe.queue-size")
                    .isEqualTo(7);

            Object greeter = context.getRegistry().lookupByName("greeter");
            assertThat(greeter.getClass().getName()).isEqualTo("probe.ProbeGreeter");
            assertThat(context.getTypeConverter().mandatoryConvertTo(String.class, greeter))
                    .isEqualTo("greeting: hi from the lib");
        } finally {
            started.stop();
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(started.context
                .getApplicationContextClassLoader());
    }

    @Test
    void withoutTheLibDirectoryTheSamePropertiesFail() throws Exception {
        ZreplDaemon daemon = new ZreplDaemon(null, ConfigLoader.load(config), Map.of())
                .withProperties(DaemonProperties.load(properties)).withMaxDurationSeconds(60);
        assertThatThrownBy(daemon::run).hasStackTraceContaining("probe.ProbeGreeter");
    }

    @Test
    void directoriesAreTheDefaultIfItExistsThenTheEnvironmentThenTheOptions() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        assertThat(ExtraLibs.directories(lib, a + "::" + b, List.of(dir))).containsExactly(lib, a, b, dir);
        assertThat(ExtraLibs.directories(dir.resolve("absent"), null, List.of(a))).containsExactly(a);
        assertThat(ExtraLibs.directories(dir.resolve("absent"), "", List.of())).isEmpty();
    }

    @Test
    void aMissingDirectoryIsAnErrorAndNoJarsMeansNoNewClassLoader() throws IOException {
        assertThatThrownBy(() -> ExtraLibs.of(List.of(lib, dir.resolve("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("nope: not a directory");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ClassLoader app = ExtraLibsTest.class.getClassLoader();
        assertThat(ExtraLibs.of(List.of(empty)).classLoader(app)).isSameAs(app);
        assertThat(ExtraLibs.of(List.of(lib)).classLoader(app).getParent()).isSameAs(app);
    }

    @Test
    void eventsUriOfThePropertiesFileUnlessTheOptionGaveOne() throws Exception {
        DaemonProperties p = DaemonProperties.load(properties);
        assertThat(new ZreplDaemon(null, ConfigLoader.load(config), Map.of("tickMillis", "100")).withProperties(p)
                .templateParameters()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("tickMillis", "100", "eventsUri", "zrepl-probe:events"));
        assertThat(new ZreplDaemon(null, ConfigLoader.load(config), Map.of("eventsUri", "log:x")).withProperties(p)
                .templateParameters()).containsExactly(Map.entry("eventsUri", "log:x"));
        assertThat(DaemonProperties.locate(null, dir.resolve("absent.properties")).file()).isEmpty();
        assertThat(DaemonProperties.locate(null, properties).eventsUri()).contains("zrepl-probe:events");
        assertThatThrownBy(() -> DaemonProperties.locate(dir.resolve("absent.properties"), properties))
                .hasMessageEndingWith("absent.properties: not a file");
    }

    private Path compile(Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/probe"));
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            args.add(Files.writeString(src.resolve(e.getKey() + ".java"), e.getValue()).toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
        return out;
    }

    private static void entry(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content);
        jar.closeEntry();
    }

    /** A daemon running in a thread of this JVM, and the CamelContext camel-main made for it once started. */
    private record Started(CompletableFuture<Integer> exit, CamelContext context) {

        static Started run(ZreplDaemon daemon) throws Exception {
            AtomicReference<CamelContext> created = new AtomicReference<>();
            CountDownLatch seen = new CountDownLatch(1);
            CamelContextTracker tracker = new CamelContextTracker() {
                @Override
                public void contextCreated(CamelContext ctx) {
                    if (created.compareAndSet(null, ctx)) {
                        seen.countDown();
                    }
                }
            };
            tracker.open();
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    exit.complete(daemon.run());
                } catch (Throwable e) {
                    exit.completeExceptionally(e);
                }
            }, "zrepl-daemon-under-test");
            t.setDaemon(true);
            t.start();
            try {
                while (!seen.await(100, TimeUnit.MILLISECONDS)) {
                    if (exit.isDone()) {
                        throw new IllegalStateException("daemon ended before creating its context: " + exit.join());
                    }
                }
            } finally {
                tracker.close();
            }
            CamelContext context = created.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!context.isStarted()) {
                if (exit.isDone() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("daemon did not start: " + exit.getNow(null));
                }
                Thread.sleep(50);
            }
            return new Started(exit, context);
        }

        void stop() throws Exception {
            if (!exit.isDone()) {
                context.stop();
            }
            assertThat(exit.get(60, TimeUnit.SECONDS)).as("exit code").isZero();
        }
    }
}
