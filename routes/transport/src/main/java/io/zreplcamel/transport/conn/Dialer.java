package io.zreplcamel.transport.conn;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * How an active job opens connections to its passive peer (the {@code connect} section): one new connection per
 * control channel and per data request, as zrepl does. Implementations: tcp, tls, ssh+stdinserver.
 */
public interface Dialer extends AutoCloseable {

    /**
     * Opens one connection and, once the transport is ready, lets {@code protocol} install its handlers.
     *
     * @return completes with the channel after {@code protocol} ran; fails with {@link DialException} (refused,
     *         unreachable, {@code dial_timeout} exceeded, TLS verification failed), which the caller treats as a
     *         temporary connectivity error unless {@link DialException#permanent()} says otherwise
     */
    CompletableFuture<Channel> dial(ProtocolInstaller protocol);

    /** For log lines and errors: {@code tcp 10.0.0.2:8888}, {@code tls backup.example (CN backup)}, ... */
    String describe();

    /** Releases what the dialer holds (not the connections it made: their owners close them). */
    @Override
    void close();
}
