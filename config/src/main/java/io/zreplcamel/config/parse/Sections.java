package io.zreplcamel.config.parse;

import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Helpers for polymorphic sections selected by a {@code type} key. */
final class Sections {

    private Sections() {
    }

    /** The {@code type} value if it is one of {@code known}; otherwise reports and returns null. */
    static String type(YamlMap m, List<String> known) {
        Node v = m.value("type");
        if (v == null) {
            m.where().error(m.node(), "missing required field \"type\" (one of " + String.join(", ", known) + ")");
            m.accept(m.entries().keySet().toArray(String[]::new));
            return null;
        }
        String type = YamlNodes.string(m.where().key("type"), v);
        if (type != null && !known.contains(type)) {
            m.where().key("type").error(v, "invalid type \"" + type + "\", must be one of " + String.join(", ",
                    known));
            type = null;
        }
        if (type == null) {
            // the other fields depend on the type: do not report them as unknown as well
            m.accept(m.entries().keySet().toArray(String[]::new));
        }
        return type;
    }

    /** The config words of an enum-like set, in declaration order, for {@code YamlMap.choice}. */
    static <E> Map<String, E> choices(E[] values, java.util.function.Function<E, String> name) {
        Map<String, E> m = new LinkedHashMap<>();
        Arrays.stream(values).forEach(v -> m.put(name.apply(v), v));
        return m;
    }
}
