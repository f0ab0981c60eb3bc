package io.zreplcamel.zfs.error;

import java.util.List;

/** Renders an argv as a copy-pasteable shell line; dataset names may contain spaces. */
public final class CommandLines {

    private CommandLines() {
    }

    public static String format(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(arg));
        }
        return sb.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(CommandLines::plain)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static boolean plain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.:/@#%,=+".indexOf(c) >= 0;
    }
}
