package io.zreplcamel.config.yaml;

import io.zreplcamel.config.ConfigError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects errors and warnings while a config is read, so that all problems of a file are reported at once. */
public final class Problems {

    private final List<ConfigError> errors = new ArrayList<>();
    private final List<ConfigError> warnings = new ArrayList<>();

    public void error(Path file, Node at, String message) {
        errors.add(located(file, at == null ? Optional.empty() : at.getStartMark(), message));
    }

    public void error(Path file, Optional<Mark> at, String message) {
        errors.add(located(file, at, message));
    }

    public void warning(Path file, Node at, String message) {
        warnings.add(located(file, at == null ? Optional.empty() : at.getStartMark(), message));
    }

    public int errorCount() {
        return errors.size();
    }

    public List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        Collections.sort(sorted);
        return sorted;
    }

    public List<ConfigError> warnings() {
        List<ConfigError> sorted = new ArrayList<>(warnings);
        Collections.sort(sorted);
        return sorted;
    }

    private static ConfigError located(Path file, Optional<Mark> mark, String message) {
        return mark.map(m -> new ConfigError(file, m.getLine() + 1, m.getColumn() + 1, message))
                .orElseGet(() -> new ConfigError(file, 0, 0, message));
    }
}
