package io.zreplcamel.zfs.error;

import java.util.List;

/**
 * {@code zfs receive -s} failed part-way (stream truncated or checksum mismatch) and saved the partial state:
 * the receive can be resumed from the sender with {@code zfs send -t <token>}. The token is the one ZFS printed;
 * it is also readable later as the dataset's {@code receive_resume_token} property.
 */
public class ResumableReceiveFailedException extends ZfsCommandException implements DatasetError {

    private static final long serialVersionUID = 1L;

    private final String dataset;
    private final String resumeToken;

    public ResumableReceiveFailedException(String message, String dataset, String resumeToken, List<String> command,
            int exitCode, String stderr) {
        super(message, command, exitCode, stderr);
        this.dataset = dataset;
        this.resumeToken = resumeToken;
    }

    /** The filesystem that holds the partial state, or null when it could not be told from the command. */
    @Override
    public String dataset() {
        return dataset;
    }

    /** The token to pass to {@code zfs send -t}. */
    public String resumeToken() {
        return resumeToken;
    }
}
