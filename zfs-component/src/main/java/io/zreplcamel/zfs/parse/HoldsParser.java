package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.model.Hold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code zfs holds -H -p}: {@code snapshot \t tag \t unix-seconds}. Tags may contain spaces; the snapshot is
 * everything up to the first tab and the timestamp follows the last one.
 */
public final class HoldsParser {

    private HoldsParser() {
    }

    public static List<Hold> parse(List<String> lines) {
        List<Hold> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int first = line.indexOf('\t');
            int last = line.lastIndexOf('\t');
            if (first < 0 || last <= first) {
                throw new ZfsParseException("zfs holds line (expected snapshot, tag, timestamp)", line);
            }
            try {
                out.add(new Hold(line.substring(0, first), line.substring(first + 1, last),
                        Instant.ofEpochSecond(Long.parseLong(line.substring(last + 1).strip()))));
            } catch (NumberFormatException e) {
                throw new ZfsParseException("zfs holds line (timestamp is not a number; is -p supported?)", line, e);
            }
        }
        return out;
    }
}
