package io.zreplcamel.zfs.error;

import java.util.List;

/** The destination holds partially received state from {@code zfs receive -s}; resume it with its token or abort it ({@code zfs receive -A}). */
public class PartialReceiveStateException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public PartialReceiveStateException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
