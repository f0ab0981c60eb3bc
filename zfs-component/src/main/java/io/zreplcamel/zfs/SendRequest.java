package io.zreplcamel.zfs;

import java.util.ArrayList;
import java.util.List;

/**
 * What to send: a full stream of {@code snapshot}, an incremental one {@code from} a snapshot or bookmark, or the
 * resumption of an interrupted stream ({@code resumeToken}, which then carries everything else). Flags map to
 * {@code zfs send} options in zrepl's order {@code -w -p -b -L -c -e -S}.
 *
 * @param snapshot         {@code fs@snap} to send (for {@code saved}: the filesystem with saved partial state)
 * @param from             incremental source: {@code fs@a}, {@code fs#bm}, or short {@code @a} / {@code #bm};
 *                         null for a full stream
 * @param raw              {@code -w}: raw (encrypted blocks as they are on disk)
 * @param properties       {@code -p}: include dataset properties
 * @param backupProperties {@code -b}: send only received property values
 * @param largeBlocks      {@code -L}: allow blocks larger than 128 KiB
 * @param compressed       {@code -c}: send compressed blocks as they are
 * @param embedded         {@code -e}: use WRITE_EMBEDDED records
 * @param saved            {@code -S}: send the saved partial receive state
 * @param resumeToken      {@code -t <token>}; when set, everything else is ignored
 * @param intermediates    {@code -I} instead of {@code -i}: the stream carries every snapshot between {@code from}
 *                         and {@code snapshot}
 */
public record SendRequest(String snapshot, String from, boolean raw, boolean properties, boolean backupProperties,
        boolean largeBlocks, boolean compressed, boolean embedded, boolean saved, String resumeToken,
        boolean intermediates) {

    /** Without {@code -I}. */
    public SendRequest(String snapshot, String from, boolean raw, boolean properties, boolean backupProperties,
            boolean largeBlocks, boolean compressed, boolean embedded, boolean saved, String resumeToken) {
        this(snapshot, from, raw, properties, backupProperties, largeBlocks, compressed, embedded, saved, resumeToken,
                false);
    }

    public static SendRequest full(String snapshot) {
        return new SendRequest(snapshot, null, false, false, false, false, false, false, false, null);
    }

    public static SendRequest incremental(String from, String snapshot) {
        return new SendRequest(snapshot, from, false, false, false, false, false, false, false, null);
    }

    public static SendRequest resume(String token) {
        return new SendRequest(null, null, false, false, false, false, false, false, false, token);
    }

    public SendRequest withRaw(boolean v) {
        return new SendRequest(snapshot, from, v, properties, backupProperties, largeBlocks, compressed, embedded,
                saved, resumeToken, intermediates);
    }

    public SendRequest withProperties(boolean v) {
        return new SendRequest(snapshot, from, raw, v, backupProperties, largeBlocks, compressed, embedded, saved,
                resumeToken, intermediates);
    }

    public SendRequest withBackupProperties(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, v, largeBlocks, compressed, embedded, saved,
                resumeToken, intermediates);
    }

    public SendRequest withLargeBlocks(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, backupProperties, v, compressed, embedded, saved,
                resumeToken, intermediates);
    }

    public SendRequest withCompressed(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, backupProperties, largeBlocks, v, embedded, saved,
                resumeToken, intermediates);
    }

    public SendRequest withEmbedded(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, backupProperties, largeBlocks, compressed, v, saved,
                resumeToken, intermediates);
    }

    public SendRequest withSaved(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, backupProperties, largeBlocks, compressed, embedded, v,
                resumeToken, intermediates);
    }

    /** {@code -I}: include the intermediate snapshots (needs {@code from}). */
    public SendRequest withIntermediates(boolean v) {
        return new SendRequest(snapshot, from, raw, properties, backupProperties, largeBlocks, compressed, embedded,
                saved, resumeToken, v);
    }

    public boolean isResume() {
        return resumeToken != null && !resumeToken.isBlank();
    }

    /** The arguments after {@code zfs send}, with {@code -n -P} in front for a dry run. */
    List<String> args(boolean dryRun, String resolvedFrom) {
        List<String> a = new ArrayList<>();
        a.add("send");
        if (dryRun) {
            a.add("-n");
            a.add("-P");
        }
        if (isResume()) {
            a.add("-t");
            a.add(resumeToken.strip());
            return a;
        }
        if (raw) {
            a.add("-w");
        }
        if (properties) {
            a.add("-p");
        }
        if (backupProperties) {
            a.add("-b");
        }
        if (largeBlocks) {
            a.add("-L");
        }
        if (compressed) {
            a.add("-c");
        }
        if (embedded) {
            a.add("-e");
        }
        if (saved) {
            a.add("-S");
        }
        if (resolvedFrom != null) {
            a.add(intermediates ? "-I" : "-i");
            a.add(resolvedFrom);
        }
        a.add("--");
        a.add(snapshot);
        return a;
    }
}
