package io.zreplcamel.zfs.error;

import java.util.List;

/** The dataset or snapshot is busy: held, mounted and in use, or being received into ("dataset is busy", "it's being held"). */
public class DatasetBusyException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public DatasetBusyException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
