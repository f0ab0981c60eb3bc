package io.zreplcamel.config;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates test resources on disk (the loader resolves includes and certificates relative to them). */
final class TestFiles {

    private TestFiles() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TestFiles.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
