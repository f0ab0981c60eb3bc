package io.zreplcamel.app.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Jars that admins add to the daemon without rebuilding it, typically Camel components for their message bus and
 * the clients those need (camel-jms and a broker's JMS client, camel-kafka and kafka-clients): every {@code *.jar}
 * directly inside each lib directory, in name order per directory. They are loaded by one class loader whose
 * parent is the application's, so classes zrepl-camel bundles always come from zrepl-camel (a second copy of
 * camel-support in a lib directory is never used) and everything else comes from the lib jars: Camel's component,
 * type-converter and configurer discovery files ({@code META-INF/services/org/apache/camel/...}) and the classes
 * of {@code camel.beans.*} properties.
 */
public final class ExtraLibs {

    /** The lib directory of a packaged installation; used when it exists. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/zrepl-camel/lib");

    /** Colon-separated lib directories (like PATH), used in addition to {@link #DEFAULT_DIR} and --lib. */
    public static final String ENV = "ZREPL_CAMEL_LIB";

    private final List<Path> dirs;
    private final List<Path> jars;

    private ExtraLibs(List<Path> dirs, List<Path> jars) {
        this.dirs = List.copyOf(dirs);
        this.jars = List.copyOf(jars);
    }

    /** No lib directories: the daemon runs with the application's class loader only. */
    public static ExtraLibs none() {
        return new ExtraLibs(List.of(), List.of());
    }

    /**
     * The jars of the given directories, which must exist.
     *
     * @throws IllegalArgumentException naming a directory that does not exist or cannot be listed
     */
    public static ExtraLibs of(List<Path> dirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + ": not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new IllegalArgumentException(dir + ": cannot list: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(dir + ": cannot list: " + e.getCause().getMessage(), e);
            }
        }
        return new ExtraLibs(dirs, jars);
    }

    /**
     * The directories a daemon uses: {@link #DEFAULT_DIR} if it exists, then those of {@link #ENV} (empty parts
     * are skipped), then {@code given} (--lib), in that order.
     */
    public static List<Path> directories(Path defaultDir, String envValue, List<Path> given) {
        List<Path> dirs = new ArrayList<>();
        if (defaultDir != null && Files.isDirectory(defaultDir)) {
            dirs.add(defaultDir);
        }
        if (envValue != null) {
            for (String part : envValue.split(":")) {
                if (!part.isBlank()) {
                    dirs.add(Path.of(part));
                }
            }
        }
        dirs.addAll(given);
        return dirs;
    }

    public List<Path> dirs() {
        return dirs;
    }

    public List<Path> jars() {
        return jars;
    }

    /**
     * A class loader over the jars with {@code parent} as parent, or {@code parent} itself when there are none.
     * The caller closes it (a {@link URLClassLoader}) when the daemon has stopped.
     */
    public ClassLoader classLoader(ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("zrepl-camel-lib", urls, parent);
    }
}
