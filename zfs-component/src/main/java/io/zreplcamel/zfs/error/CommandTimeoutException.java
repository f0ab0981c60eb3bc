package io.zreplcamel.zfs.error;

import java.time.Duration;
import java.util.List;

/** The process ran longer than its timeout and was killed (SIGKILL). */
public class CommandTimeoutException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public CommandTimeoutException(Duration timeout, List<String> command, String stderr) {
        super("zfs command timed out after " + timeout + " and was killed", command, NO_EXIT_CODE, stderr);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
