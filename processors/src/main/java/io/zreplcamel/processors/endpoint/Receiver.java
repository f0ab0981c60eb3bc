package io.zreplcamel.processors.endpoint;

import java.io.InputStream;

/** The receiving side (push: the sink job; pull: local). */
public interface Receiver extends Endpoint {

    /**
     * Receives one step's stream below the client root: creates missing parents as placeholders, replaces a
     * placeholder by a forced receive, resumes ({@code -s}), verifies {@code to} by guid and sets the last-received
     * hold. The stream is always consumed or closed.
     *
     * @return bytes received, or -1 when {@code zfs recv} read the local send pipe directly
     */
    long receive(ReceiveStep step, InputStream stream);
}
