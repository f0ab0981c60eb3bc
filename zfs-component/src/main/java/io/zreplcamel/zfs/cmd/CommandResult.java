package io.zreplcamel.zfs.cmd;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished process left: argv, exit code, all of stdout, the bounded stderr text and how long it ran.
 */
public record CommandResult(List<String> argv, int exitCode, byte[] stdout, String stderr, Duration elapsed) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Stdout split at {@code \n}, without the empty element after a final newline. */
    public List<String> stdoutLines() {
        String text = stdoutText();
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
