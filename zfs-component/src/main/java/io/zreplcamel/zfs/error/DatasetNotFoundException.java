package io.zreplcamel.zfs.error;

import java.util.List;

/** The named dataset, snapshot or bookmark does not exist ("dataset does not exist", "no such pool or dataset", "could not find any snapshots to destroy"). */
public class DatasetNotFoundException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public DatasetNotFoundException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
