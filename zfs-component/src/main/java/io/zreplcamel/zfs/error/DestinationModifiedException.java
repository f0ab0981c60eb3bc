package io.zreplcamel.zfs.error;

import java.util.List;

/** An incremental receive found the destination changed since its most recent snapshot; it needs a rollback or {@code -F}. */
public class DestinationModifiedException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public DestinationModifiedException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
