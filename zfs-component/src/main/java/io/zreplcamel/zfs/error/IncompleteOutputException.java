package io.zreplcamel.zfs.error;

import java.util.List;

/**
 * The process ended but its output was not read to the end (reading a pipe failed, or a pipe was still held open
 * by another process after it exited). What was read is not all there is, so it is not returned: a {@code zfs list}
 * cut in half would otherwise look like half the datasets.
 */
public class IncompleteOutputException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    public IncompleteOutputException(String why, List<String> command, int exitCode, String stderr) {
        super("output not fully read (" + why + ")", command, exitCode, stderr);
    }
}
