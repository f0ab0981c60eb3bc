package io.zreplcamel.config.parse;

import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.values.GoDuration;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;

/** Field reads shared by several sections. */
final class Values {

    private Values() {
    }

    /** A Go duration ({@code 10s}) that may be zero but not negative. */
    static Duration goDurationZeroOrPositive(YamlMap m, String key, String defaultText) {
        return m.parsed(key, defaultText, GoDuration::parseZeroOrPositive);
    }

    /** A Go duration ({@code 10s}) that must be positive. */
    static Duration goDurationPositive(YamlMap m, String key, String defaultText) {
        return m.parsed(key, defaultText, GoDuration::parsePositive);
    }

    /** A required single ZFS name component (client identity, listener name...). */
    static String identity(YamlMap m, String key, String what) {
        String s = m.requiredString(key);
        if (s == null) {
            return null;
        }
        return ZfsNames.componentProblem(s).map(p -> {
            m.where().key(key).error(m.locate(key), what + " \"" + s + "\" " + p);
            return (String) null;
        }).orElse(s);
    }

    /**
     * A list of strings, each checked by {@code check} (returns a problem message or null). Required lists must be
     * non-empty. Returns null after a problem; an empty list when optional and absent.
     */
    static List<String> strings(YamlMap m, String key, boolean required, Function<String, String> check) {
        List<Node> nodes = m.list(key, required);
        if (nodes == null) {
            return m.has(key) || required ? null : List.of();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            String s = YamlNodes.string(m.where().key(key).index(i), nodes.get(i));
            if (s == null) {
                ok = false;
                continue;
            }
            String problem = check.apply(s);
            if (problem != null) {
                m.where().key(key).index(i).error(nodes.get(i), problem);
                ok = false;
            }
            out.add(s);
        }
        return ok ? out : null;
    }

    static String noCheck(String s) {
        return null;
    }

    static boolean allPresent(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return false;
            }
        }
        return true;
    }
}
