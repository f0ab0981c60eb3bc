package io.zreplcamel.zfs.error;

import java.io.IOException;
import java.util.List;

/**
 * The process could not be started at all: the binary is missing or not executable, or the argument list is too
 * long for the kernel (E2BIG; see {@link #argumentListTooLong()}).
 */
public class CommandStartException extends ZfsCommandException {

    private static final long serialVersionUID = 1L;

    public CommandStartException(List<String> command, IOException cause) {
        super("cannot start " + (command.isEmpty() ? "command" : command.get(0)) + ": " + cause.getMessage(),
                command, NO_EXIT_CODE, "", cause);
    }

    /** True when the kernel refused the argv as too long (errno E2BIG); callers then split the batch. */
    public boolean argumentListTooLong() {
        String m = getCause() == null ? null : getCause().getMessage();
        return m != null && (m.contains("error=7,") || m.contains("Argument list too long"));
    }
}
