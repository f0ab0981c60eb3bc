package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.model.DatasetEntry;
import io.zreplcamel.zfs.model.DatasetType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses {@code zfs list -H -p -o name,type,guid,createtxg,creation,userrefs[,extra...]}: one line per dataset,
 * tab-separated (names may contain spaces, never tabs), numbers as plain decimals thanks to {@code -p}.
 * {@code userrefs} is {@code -} for filesystems, volumes and bookmarks.
 */
public final class ListParser {

    /** The fixed columns, in order; extra properties follow. */
    public static final List<String> COLUMNS = List.of("name", "type", "guid", "createtxg", "creation", "userrefs");

    private ListParser() {
    }

    /** The fixed columns without {@code userrefs} (bulk version listings). */
    public static final List<String> COLUMNS_WITHOUT_USERREFS = COLUMNS.subList(0, COLUMNS.size() - 1);

    public static List<DatasetEntry> parse(List<String> lines, List<String> extraProperties) {
        return parse(lines, extraProperties, true);
    }

    /** As {@link #parse(List, List)}; without {@code userRefs} the lines lack that column ({@link #COLUMNS_WITHOUT_USERREFS}). */
    public static List<DatasetEntry> parse(List<String> lines, List<String> extraProperties, boolean userRefs) {
        List<DatasetEntry> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (!line.isEmpty()) {
                out.add(userRefs ? parseLine(line, extraProperties) : parseLineWithoutUserRefs(line, extraProperties));
            }
        }
        return out;
    }

    static DatasetEntry parseLineWithoutUserRefs(String line, List<String> extra) {
        // re-insert a "-" userrefs field so that one parser handles both layouts; snapshots then have no count
        int fixed = COLUMNS_WITHOUT_USERREFS.size();
        String[] f = line.split("\t", fixed + extra.size());
        if (f.length != fixed + extra.size()) {
            throw new ZfsParseException("zfs list line (expected " + (fixed + extra.size())
                    + " tab-separated fields, got " + f.length + ")", line);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            if (i == fixed) {
                b.append("-\t");
            }
            b.append(f[i]);
        }
        if (f.length == fixed) {
            b.append("\t-");
        }
        return parseLine(b.toString(), extra, false);
    }

    static DatasetEntry parseLine(String line, List<String> extra) {
        return parseLine(line, extra, true);
    }

    private static DatasetEntry parseLine(String line, List<String> extra, boolean snapshotsHaveUserRefs) {
        int columns = COLUMNS.size() + extra.size();
        // The last extra column may be a user property whose value contains tabs: keep the rest of the line in it.
        String[] f = line.split("\t", columns);
        if (f.length != columns) {
            throw new ZfsParseException("zfs list line (expected " + columns + " tab-separated fields, got "
                    + f.length + ")", line);
        }
        try {
            DatasetType type = DatasetType.parse(f[1]);
            long guid = Long.parseUnsignedLong(f[2]);
            long createTxg = Long.parseUnsignedLong(f[3]);
            Instant creation = Instant.ofEpochSecond(Long.parseLong(f[4]));
            OptionalLong userRefs = f[5].equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[5]));
            if (snapshotsHaveUserRefs && type == DatasetType.SNAPSHOT && userRefs.isEmpty()) {
                throw new ZfsParseException("zfs list line (snapshot without userrefs)", line);
            }
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 0; i < extra.size(); i++) {
                props.put(extra.get(i), f[COLUMNS.size() + i]);
            }
            return new DatasetEntry(f[0], type, guid, createTxg, creation, userRefs, props);
        } catch (IllegalArgumentException e) {
            throw new ZfsParseException("zfs list line (" + e.getMessage() + ")", line, e);
        }
    }
}
