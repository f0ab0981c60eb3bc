package io.zreplcamel.zfs.error;

import java.util.List;

/** {@code zfs receive -F} refused to destroy an encrypted filesystem or to overwrite an unencrypted one with an encrypted stream. */
public class EncryptedForceReceiveException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;

    public EncryptedForceReceiveException(String message, String dataset, List<String> command, int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
    }

    /** The dataset, snapshot or bookmark the error names, or null when ZFS did not name one. */
    @Override
    public String dataset() {
        return dataset;
    }
}
