package io.zreplcamel.zfs.error;

import java.util.List;

/** The dataset, snapshot or receive destination already exists ("dataset already exists", "destination ... exists"). */
public class DatasetExistsException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public DatasetExistsException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
