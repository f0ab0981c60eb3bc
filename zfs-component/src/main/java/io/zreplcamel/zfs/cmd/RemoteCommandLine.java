package io.zreplcamel.zfs.cmd;

import java.util.ArrayList;
import java.util.List;

/**
 * A zfs argv as the command line a remote POSIX shell runs ({@code ssh user@host '<line>'}): {@code LC_ALL=C} in
 * front, since the parsers need C-locale output and this JVM's environment does not travel, then every word in
 * single quotes (a {@code '} inside a word as {@code '\''}), so dataset names with spaces or shell characters reach
 * zfs as the very words they were here.
 */
public final class RemoteCommandLine {

    private RemoteCommandLine() {
    }

    public static List<String> wrap(List<String> remoteShell, List<String> argv) {
        List<String> out = new ArrayList<>(remoteShell);
        out.add(line(argv));
        return out;
    }

    static String line(List<String> argv) {
        StringBuilder b = new StringBuilder("LC_ALL=C exec");
        for (String word : argv) {
            b.append(' ').append(quote(word));
        }
        return b.toString();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
