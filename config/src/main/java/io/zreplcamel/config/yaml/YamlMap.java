package io.zreplcamel.config.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Strict reading of one YAML mapping, zrepl's {@code yaml-config} rules: every key must be asked for (others are
 * reported by {@link #finish()} as unknown, with a suggestion when a known key is close), keys must not repeat, a
 * required field must be present and not empty, and a key with no value counts as absent. Merge keys
 * ({@code <<: *anchor}) are honoured, explicit keys winning over merged ones.
 */
public final class YamlMap {

    /** A key and its value. */
    public record Entry(Node key, Node value) {
    }

    private final Where where;
    private final Node node;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private YamlMap(Where where, Node node) {
        this.where = where;
        this.node = node;
    }

    /** Reads {@code node} as a mapping; reports and returns null if it is not one. */
    public static YamlMap of(Where where, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            where.error(node, "expected a mapping (key: value lines), got " + YamlNodes.describe(node));
            return null;
        }
        YamlMap map = new YamlMap(where, node);
        List<Node> merged = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                where.error(keyNode, "keys must be plain strings, got " + YamlNodes.describe(keyNode));
                continue;
            }
            if (keyScalar.getValue().equals("<<") && keyScalar.getScalarStyle() == ScalarStyle.PLAIN) {
                merged.add(t.getValueNode());
                continue;
            }
            Entry previous = map.entries.putIfAbsent(keyScalar.getValue(), new Entry(keyNode, t.getValueNode()));
            if (previous != null) {
                where.error(keyNode, "duplicate key \"" + keyScalar.getValue() + "\" (first given at line "
                        + previous.key().getStartMark().map(m -> m.getLine() + 1).orElse(0) + ")");
            }
        }
        for (Node source : merged) {
            List<Node> sources = source instanceof SequenceNode seq ? seq.getValue() : List.of(source);
            for (Node s : sources) {
                if (!(s instanceof MappingNode m)) {
                    where.error(s, "merge key << needs a mapping or a list of mappings, got "
                            + YamlNodes.describe(s));
                    continue;
                }
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        map.entries.putIfAbsent(k.getValue(), new Entry(k, t.getValueNode()));
                    }
                }
            }
        }
        return map;
    }

    public Where where() {
        return where;
    }

    public Node node() {
        return node;
    }

    /** All keys in config order (for maps whose keys are data, such as {@code filesystems}). */
    public Map<String, Entry> entries() {
        known.addAll(entries.keySet());
        return entries;
    }

    /** Whether {@code key} is present with a non-null value (marks it as known). */
    public boolean has(String key) {
        known.add(key);
        Entry e = entries.get(key);
        return e != null && !YamlNodes.isNull(e.value());
    }

    /** The value node of {@code key}, or null when absent or null-valued (marks it as known). */
    public Node value(String key) {
        return has(key) ? entries.get(key).value() : null;
    }

    /** The key node of {@code key} if present, else the mapping itself: where to point for errors about it. */
    public Node locate(String key) {
        Entry e = entries.get(key);
        return e != null ? (YamlNodes.isNull(e.value()) ? e.key() : e.value()) : node;
    }

    /** The key node of {@code key} if present, else the mapping: where to point for errors about the key itself. */
    public Node locateKey(String key) {
        Entry e = entries.get(key);
        return e != null ? e.key() : node;
    }

    /** Reports that a required field is missing, pointing at the mapping. */
    public void missing(String key) {
        Entry e = entries.get(key);
        if (e != null) {
            where.error(e.key(), "field \"" + key + "\" is required but has no value");
        } else {
            where.error(node, "missing required field \"" + key + "\"");
        }
    }

    /** A required string: absent → reported; empty → reported. Returns null after a problem. */
    public String requiredString(String key) {
        Node v = value(key);
        if (v == null) {
            missing(key);
            return null;
        }
        String s = YamlNodes.string(where.key(key), v);
        if (s != null && s.isEmpty()) {
            where.key(key).error(v, "must not be empty");
            return null;
        }
        return s;
    }

    /** An optional string with a default. */
    public String string(String key, String defaultValue) {
        Node v = value(key);
        return v == null ? defaultValue : YamlNodes.string(where.key(key), v);
    }

    /** An optional boolean with a default; null after a problem. */
    public Boolean bool(String key, boolean defaultValue) {
        Node v = value(key);
        return v == null ? Boolean.valueOf(defaultValue) : YamlNodes.bool(where.key(key), v);
    }

    /** An integer within [min, max], required when {@code defaultValue} is null; null after a problem. */
    public Long integer(String key, Long defaultValue, long min, long max) {
        Node v = value(key);
        if (v == null) {
            if (defaultValue == null) {
                missing(key);
            }
            return defaultValue;
        }
        Long n = YamlNodes.integer(where.key(key), v);
        if (n != null && (n < min || n > max)) {
            String range = max >= Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            where.key(key).error(v, "must be " + range + ", got " + n);
            return null;
        }
        return n;
    }

    /** A nested mapping; required ones are reported when absent. Returns null when absent or after a problem. */
    public YamlMap map(String key, boolean required) {
        Node v = value(key);
        if (v == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        return of(where.key(key), v);
    }

    /** A list; required lists must be present and non-empty. Returns null when absent or after a problem. */
    public List<Node> list(String key, boolean required) {
        Node v = value(key);
        if (v == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        List<Node> items = YamlNodes.list(where.key(key), v);
        if (items != null && items.isEmpty() && required) {
            where.key(key).error(v, "must not be empty");
            return null;
        }
        return items;
    }

    /**
     * A string converted by {@code parse}, which throws {@link IllegalArgumentException} with a message; required
     * when {@code defaultText} is null. Returns null after a problem.
     */
    public <T> T parsed(String key, String defaultText, Function<String, T> parse) {
        Node v = value(key);
        String text;
        if (v == null) {
            if (defaultText == null) {
                missing(key);
                return null;
            }
            text = defaultText;
        } else {
            text = YamlNodes.string(where.key(key), v);
            if (text == null) {
                return null;
            }
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            where.key(key).error(v == null ? node : v, e.getMessage());
            return null;
        }
    }

    /** One of a fixed set of words ({@code choices} in the order to list them); null after a problem. */
    public <E> E choice(String key, Map<String, E> choices, E defaultValue) {
        Node v = value(key);
        if (v == null) {
            if (defaultValue == null) {
                missing(key);
            }
            return defaultValue;
        }
        String s = YamlNodes.string(where.key(key), v);
        if (s == null) {
            return null;
        }
        E e = choices.get(s);
        if (e == null) {
            where.key(key).error(v, "invalid value \"" + s + "\", must be one of " + String.join(", ",
                    choices.keySet()));
        }
        return e;
    }

    /** Reports every key that no read asked for as unknown. Call after reading all fields. */
    public void finish() {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                where.error(e.getValue().key(), "unknown field \"" + e.getKey() + "\"" + suggestion(e.getKey()));
            }
        }
    }

    /** Marks {@code keys} as known without reading them (for sections reported as a whole). */
    public void accept(String... keys) {
        known.addAll(List.of(keys));
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(unknown, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String list = known.isEmpty() ? "" : " (known fields: " + String.join(", ", known) + ")";
        if (best != null && bestDistance <= Math.max(2, unknown.length() / 4)) {
            return "; did you mean \"" + best + "\"?" + list;
        }
        return list;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
