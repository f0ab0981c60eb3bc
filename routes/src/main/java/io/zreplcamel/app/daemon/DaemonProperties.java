package io.zreplcamel.app.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The daemon's properties file: camel-main reads it ({@code camel.component.*}, {@code camel.beans.*},
 * {@code camel.main.*} and placeholders for routes), and the daemon reads its own keys from it, such as
 * {@link #EVENTS_URI}. One file: {@code --properties FILE}, or {@link #DEFAULT_FILE} when it exists.
 */
public final class DaemonProperties {

    /** The properties file of a packaged installation; used when it exists and no other file is given. */
    public static final Path DEFAULT_FILE = Path.of("/etc/zrepl-camel/application.properties");

    /** Where job run events go, as --events-uri does (the option wins over the file). */
    public static final String EVENTS_URI = "zrepl.events.uri";

    private final Path file;
    private final Properties properties;

    private DaemonProperties(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    public static DaemonProperties none() {
        return new DaemonProperties(null, new Properties());
    }

    /**
     * {@code given} (which must be a readable file), else {@code defaultFile} if it exists, else none.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or parsed
     */
    public static DaemonProperties locate(Path given, Path defaultFile) {
        if (given != null) {
            return load(given);
        }
        if (defaultFile != null && Files.isRegularFile(defaultFile)) {
            return load(defaultFile);
        }
        return none();
    }

    /** Reads the file as camel-main does by default: a java.util.Properties file (ISO-8859-1). */
    public static DaemonProperties load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": not a file");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new DaemonProperties(file.toAbsolutePath().normalize(), p);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The camel-main property placeholder location of the file, if there is one. */
    public Optional<String> camelLocation() {
        return file().map(f -> "file:" + f);
    }

    public Optional<String> eventsUri() {
        return Optional.ofNullable(properties.getProperty(EVENTS_URI)).map(String::trim).filter(s -> !s.isEmpty());
    }
}
