package io.zreplcamel.zfs.parse;

import io.zreplcamel.zfs.model.ZfsVersion;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code zfs version}: the userland line ({@code zfs-2.3.2-1~bpo12+1}) and the kernel module line
 * ({@code zfs-kmod-2.3.2-1~bpo12+1}); the latter is missing when the module is not loaded. Distributions put their
 * own suffix after the number, so only {@code major.minor.patch} is interpreted.
 */
public final class VersionParser {

    private static final Pattern NUMBER = Pattern.compile("^zfs-(?:kmod-)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    private VersionParser() {
    }

    public static ZfsVersion parse(List<String> lines) {
        String userland = null;
        String kernel = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("zfs-kmod-")) {
                kernel = line;
            } else if (line.startsWith("zfs-") && userland == null) {
                userland = line;
            }
        }
        if (userland == null) {
            throw new ZfsParseException("zfs version output (no 'zfs-<version>' line)", String.join("\\n", lines));
        }
        Matcher m = NUMBER.matcher(userland);
        if (!m.find()) {
            throw new ZfsParseException("zfs version number", userland);
        }
        return new ZfsVersion(userland, kernel, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }
}
