package io.zreplcamel.app.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for CLI output: {@link Map} (keys as strings, in iteration order), {@link List}, {@link String},
 * {@link Number}, {@link Boolean} and {@code null}. {@link #pretty} indents by two spaces; {@link #compact} writes
 * one line.
 */
public final class Json {

    private Json() {
    }

    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, -1, 0);
        return out.toString();
    }

    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 2, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(n instanceof java.math.BigDecimal bd ? bd.toPlainString() : n.toString());
        } else if (value instanceof Map<?, ?> map) {
            container(out, '{', '}', map.entrySet().iterator(), map.isEmpty(), indent, depth, (o, e) -> {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                string(o, String.valueOf(entry.getKey()));
                o.append(indent >= 0 ? ": " : ":");
                write(o, entry.getValue(), indent, depth + 1);
            });
        } else if (value instanceof List<?> list) {
            container(out, '[', ']', list.iterator(), list.isEmpty(), indent, depth,
                    (o, e) -> write(o, e, indent, depth + 1));
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private interface Element {
        void write(StringBuilder out, Object element);
    }

    private static void container(StringBuilder out, char open, char close, Iterator<?> items, boolean empty,
                                  int indent, int depth, Element element) {
        out.append(open);
        if (empty) {
            out.append(close);
            return;
        }
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent, depth + 1);
            element.write(out, items.next());
        }
        newline(out, indent, depth);
        out.append(close);
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
