package io.zreplcamel.zfs.error;

import java.util.List;

/** {@code zfs receive} could not read a complete stream header from its input ("failed to read from stream"). */
public class StreamReadException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public StreamReadException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
