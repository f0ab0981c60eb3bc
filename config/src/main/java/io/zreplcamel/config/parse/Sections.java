package io.zreplcamel.config.parse;

import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.util.List;
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
}
