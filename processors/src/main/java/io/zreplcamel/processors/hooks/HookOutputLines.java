package io.zreplcamel.processors.hooks;

import io.zreplcamel.zfs.cmd.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipe of a hook: every byte goes to the output shared by stdout and stderr (interleaved as read), and each
 * line is logged, stdout at INFO and stderr at WARN, as zrepl does ("hook output"). Lines longer than 64 KiB are
 * logged cut, so a hook printing without newlines cannot grow the line buffer without bound.
 */
final class HookOutputLines implements OutputSink {

    private static final Logger LOG = LoggerFactory.getLogger(CommandHookRunner.class);
    private static final int MAX_LINE = 64 * 1024;

    private final BoundedOutput output;
    private final boolean stderr;
    private final String path;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    HookOutputLines(BoundedOutput output, boolean stderr, String path) {
        this.output = output;
        this.stderr = stderr;
        this.path = path;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        output.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                log();
            } else if (line.size() < MAX_LINE) {
                line.write(b[i]);
            }
        }
    }

    @Override
    public void end() {
        if (line.size() > 0) {
            log();
        }
    }

    @Override
    public String text() {
        return output.text();
    }

    private void log() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (stderr) {
            LOG.warn("hook output command={} stderr={}", path, text);
        } else {
            LOG.info("hook output command={} stdout={}", path, text);
        }
    }
}
