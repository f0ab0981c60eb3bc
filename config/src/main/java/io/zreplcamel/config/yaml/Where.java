package io.zreplcamel.config.yaml;

import java.nio.file.Path;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Where the reader is: the file, the dotted path inside it ({@code jobs[0].snapshotting}) and the collector errors go
 * to. Every message is prefixed with the path so that it says what is wrong as well as where.
 */
public record Where(Path file, String path, Problems problems) {

    public Where key(String key) {
        return new Where(file, path.isEmpty() ? key : path + "." + key, problems);
    }

    public Where index(int i) {
        return new Where(file, path + "[" + i + "]", problems);
    }

    public void error(Node at, String message) {
        problems.error(file, at, prefixed(message));
    }

    public void warning(Node at, String message) {
        problems.warning(file, at, prefixed(message));
    }

    private String prefixed(String message) {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
