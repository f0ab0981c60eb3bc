package io.zreplcamel.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time (Maven resource filtering of {@code zrepl-camel-build.properties}). */
public final class BuildInfo {

    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    public static String version() {
        return PROPS.getProperty("version", "unknown");
    }

    /** The Camel version we were built against; {@link org.apache.camel.CamelContext#getVersion()} tells the runtime one. */
    public static String camelVersion() {
        return PROPS.getProperty("camel.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/zrepl-camel-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
