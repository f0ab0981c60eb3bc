package io.zreplcamel.processors.endpoint;

import java.io.InputStream;
import java.util.Objects;

/**
 * A send stream handed from the sender to the receiver. Locally it is the {@code zfs send} pipe itself
 * ({@link io.zreplcamel.zfs.stream.ZfsSendStream}), which {@code zfs recv} can read directly with no JVM copy; over a
 * network it is the transport's stream. The receiver reads it to the end or closes it.
 *
 * @param usedResumeToken the sender resumed from the request's token (the receiver must then keep its state)
 */
public record OutgoingStream(InputStream stream, boolean usedResumeToken) {

    public OutgoingStream {
        Objects.requireNonNull(stream, "stream");
    }
}
