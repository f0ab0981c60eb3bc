package io.zreplcamel.zfs.error;

import java.util.List;

/** A bookmark of that name exists and points at a different snapshot (same guid would have been accepted as idempotent). */
public class BookmarkExistsException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public BookmarkExistsException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
