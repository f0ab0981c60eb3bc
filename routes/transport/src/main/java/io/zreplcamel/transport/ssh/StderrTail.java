package io.zreplcamel.transport.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an ssh process's stderr on a thread of its own: every line goes to the log (ssh only writes there when
 * something is worth knowing: a host key, a refused key, the remote stdinserver's complaint), and the last lines
 * are kept, bounded, for the error of a dial that failed.
 */
final class StderrTail {

    private static final Logger LOG = LoggerFactory.getLogger(SshDialer.class);
    static final int MAX_CHARS = 8 * 1024;

    private final StringBuilder tail = new StringBuilder();
    private final Thread thread;

    StderrTail(InputStream stderr, String who, String threadName) {
        thread = new Thread(() -> drain(stderr, who), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream stderr, String who) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                LOG.warn("{}: ssh: {}", who, line);
                append(line);
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    private synchronized void append(String line) {
        if (tail.length() > 0) {
            tail.append('\n');
        }
        tail.append(line);
        if (tail.length() > MAX_CHARS) {
            tail.delete(0, tail.length() - MAX_CHARS);
        }
    }

    /** What ssh wrote so far, after waiting at most {@code millis} for it to close its stderr. */
    String text(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return tail.toString().strip();
        }
    }
}
