package io.zreplcamel.zfs.error;

import java.util.List;

/** An incremental receive found that the destination's most recent snapshot is not the stream's source. */
public class IncrementalSourceMismatchException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public IncrementalSourceMismatchException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
