package io.zreplcamel.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads of single YAML nodes with Go yaml.v2 semantics (zrepl's decoder): any scalar may be read as a string;
 * booleans and integers must be plain (unquoted); YAML 1.1 spellings {@code yes/no/on/off} count as booleans as they
 * do for zrepl. Each method reports a problem at the node and returns null when the node has the wrong type.
 */
public final class YamlNodes {

    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
            "y", "Y");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF",
            "n", "N");

    private YamlNodes() {
    }

    public static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)
                && s.getScalarStyle() == ScalarStyle.PLAIN);
    }

    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing (null)";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }

    public static String string(Where where, Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        where.error(node, "expected a string, got " + describe(node));
        return null;
    }

    public static Boolean bool(Where where, Node node) {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
            if (TRUE.contains(s.getValue())) {
                return true;
            }
            if (FALSE.contains(s.getValue())) {
                return false;
            }
        }
        where.error(node, "expected true or false, got " + describe(node));
        return null;
    }

    public static Long integer(Where where, Node node) {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
            String text = s.getValue().replace("_", "");
            try {
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    return Long.parseLong(text.substring(2), 16);
                }
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        where.error(node, "expected an integer, got " + describe(node));
        return null;
    }

    /** The elements of a sequence node, or null (problem reported) for anything else. */
    public static List<Node> list(Where where, Node node) {
        if (node instanceof SequenceNode s) {
            return new ArrayList<>(s.getValue());
        }
        where.error(node, "expected a list, got " + describe(node));
        return null;
    }
}
