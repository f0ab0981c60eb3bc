package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.model.SendEstimate;
import java.util.List;

/**
 * Parses the parsable summary of a dry-run send ({@code zfs send -n -P [-v]}):
 *
 * <pre>
 * full         &lt;to&gt;          [&lt;size&gt;]
 * incremental  &lt;from&gt;  &lt;to&gt;  [&lt;size&gt;]
 * size         &lt;size&gt;
 * </pre>
 *
 * The first {@code full}/{@code incremental} line wins (as in zrepl); a missing size counts as 0; the
 * {@code size} total line, when present, is preferred because it also covers resumed sends.
 */
public final class DryRunParser {

    private DryRunParser() {
    }

    public static SendEstimate parse(List<String> lines) {
        SendEstimate found = null;
        Long total = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (found == null && f[0].equals("full") && (f.length == 2 || f.length == 3)) {
                found = new SendEstimate(false, null, f[1], f.length == 3 ? size(f[2], line) : 0);
            } else if (found == null && f[0].equals("incremental") && (f.length == 3 || f.length == 4)) {
                found = new SendEstimate(true, f[1], f[2], f.length == 4 ? size(f[3], line) : 0);
            } else if (f[0].equals("size") && f.length == 2) {
                total = size(f[1], line);
            }
        }
        if (found == null) {
            throw new ZfsParseException("dry-run send output (no 'full' or 'incremental' line)",
                    String.join("\\n", lines));
        }
        if (total != null && total > 0) {
            return new SendEstimate(found.incremental(), found.from(), found.to(), total);
        }
        return found;
    }

    private static long size(String s, String line) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new ZfsParseException("dry-run send size", line, e);
        }
    }
}
