package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.model.PropertySource;
import io.zreplcamel.zfs.model.PropertyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code zfs get -H -p -o name,property,value,source}. The value sits between the second tab and the last
 * one: names, property names and sources contain no tabs, but a user property's value may.
 */
public final class PropertyParser {

    private PropertyParser() {
    }

    public static List<PropertyValue> parse(List<String> lines) {
        List<PropertyValue> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.isEmpty()) {
                out.add(parseLine(line));
            }
        }
        return out;
    }

    static PropertyValue parseLine(String line) {
        int t1 = line.indexOf('\t');
        int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
        int t3 = line.lastIndexOf('\t');
        if (t1 < 0 || t2 < 0 || t3 <= t2) {
            throw new ZfsParseException("zfs get line (expected name, property, value, source)", line);
        }
        try {
            return new PropertyValue(line.substring(0, t1), line.substring(t1 + 1, t2), line.substring(t2 + 1, t3),
                    PropertySource.parse(line.substring(t3 + 1)));
        } catch (IllegalArgumentException e) {
            throw new ZfsParseException("zfs get line (" + e.getMessage() + ")", line, e);
        }
    }
}
