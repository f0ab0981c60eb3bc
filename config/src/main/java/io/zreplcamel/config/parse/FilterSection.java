package io.zreplcamel.config.parse;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code filesystems}: pattern → true/false (zrepl §4). */
final class FilterSection {

    private FilterSection() {
    }

    /** The filter under {@code key}; required filters must be present and non-empty. Null after a problem. */
    static FilesystemFilter filter(YamlMap parent, String key, boolean required) {
        YamlMap m = parent.map(key, required);
        if (m == null) {
            return null;
        }
        Where where = parent.where().key(key);
        if (m.entries().isEmpty()) {
            if (required) {
                where.error(m.node(), "must not be empty (a filter without entries takes no filesystem)");
                return null;
            }
            return FilesystemFilter.of(Map.of());
        }
        Map<String, Boolean> patterns = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YamlMap.Entry> e : m.entries().entrySet()) {
            Optional<String> problem = FilesystemFilter.patternProblem(e.getKey());
            if (problem.isPresent()) {
                where.error(e.getValue().key(), problem.get());
                ok = false;
            }
            Boolean accept = YamlNodes.bool(where.key(e.getKey()), e.getValue().value());
            if (accept == null) {
                ok = false;
                continue;
            }
            patterns.put(e.getKey(), accept);
        }
        return ok ? FilesystemFilter.of(patterns) : null;
    }
}
