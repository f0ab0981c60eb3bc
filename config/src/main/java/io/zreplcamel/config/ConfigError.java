package io.zreplcamel.config;

import java.nio.file.Path;

/**
 * A problem found in a config file, at a 1-based line and column (0 when the problem concerns the whole file, e.g.
 * it cannot be read). {@link #toString()} is {@code file:line:column: message}.
 */
public record ConfigError(Path file, int line, int column, String message) implements Comparable<ConfigError> {

    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(ConfigError o) {
        int c = String.valueOf(file).compareTo(String.valueOf(o.file));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
