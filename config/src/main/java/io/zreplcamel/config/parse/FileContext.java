package io.zreplcamel.config.parse;

import io.zreplcamel.config.LoadOptions;
import java.nio.file.Path;

/** The file being read, its directory (for relative paths) and the load options. */
record FileContext(Path file, Path dir, LoadOptions options) {

    /** {@code path} as written, made absolute against the config file's directory when relative. */
    Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : dir.resolve(p).normalize();
    }
}
