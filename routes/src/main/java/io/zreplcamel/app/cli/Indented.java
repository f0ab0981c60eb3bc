package io.zreplcamel.app.cli;

import java.util.List;
import java.util.Map;

/** Renders a plain tree (maps, lists, scalars) as indented YAML-like text for humans. */
final class Indented {

    private Indented() {
    }

    static String render(Object tree) {
        StringBuilder out = new StringBuilder();
        render(out, tree, 0);
        return out.toString().stripTrailing();
    }

    private static void render(StringBuilder out, Object value, int depth) {
        String pad = "  ".repeat(depth);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(pad).append(e.getKey()).append(':');
                if (isScalar(e.getValue()) || isEmpty(e.getValue())) {
                    out.append(' ').append(scalar(e.getValue())).append('\n');
                } else {
                    out.append('\n');
                    render(out, e.getValue(), depth + 1);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (isScalar(item) || isEmpty(item)) {
                    out.append(pad).append("- ").append(scalar(item)).append('\n');
                } else {
                    out.append(pad).append("-\n");
                    render(out, item, depth + 1);
                }
            }
        } else {
            out.append(pad).append(scalar(value)).append('\n');
        }
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }

    private static boolean isEmpty(Object v) {
        return (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
    }

    private static String scalar(Object v) {
        if (v instanceof Map) {
            return "{}";
        }
        if (v instanceof List) {
            return "[]";
        }
        if (v instanceof String s) {
            return Json.compact(s);
        }
        return String.valueOf(v);
    }
}
