package io.zreplcamel.zfs.error;

import java.util.List;

/** The process was killed on request: the calling thread was interrupted, or the runner was closed. */
public class CommandCancelledException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    public CommandCancelledException(String why, List<String> command, String stderr) {
        super("zfs command cancelled (" + why + ") and killed", command, NO_EXIT_CODE, stderr);
    }
}
