package io.zreplcamel.transport.ssh;

import io.netty.channel.Channel;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.EventLoops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ssh+stdinserver} connect: every dial runs the system {@code ssh} ({@link SshCommand}) once and bridges
 * its stdin/stdout to a Netty channel ({@link SshConnection}); our protocol opens one connection for the control
 * channel and one per step's stream, so there is one ssh process per connection, as in zrepl. The remote key's
 * forced command {@code zrepl-camel stdinserver <identity>} connects to the serving daemon's socket for that
 * identity ({@link StdinserverListener}).
 *
 * <p>{@code dial_timeout} bounds the time until the daemon's first bytes arrive through ssh (login, forced command
 * and socket included); 0 waits as long as ssh does. Needs Linux native epoll (the bridge is a domain socket).
 */
public final class SshDialer implements Dialer {

    private static final Logger LOG = LoggerFactory.getLogger(SshDialer.class);

    private final EventLoops loops;
    private final SshCommand command;
    private final Duration dialTimeout;
    private final AtomicLong seq = new AtomicLong();
    private Path bridgeDir;

    public SshDialer(EventLoops loops, SshCommand command, Duration dialTimeout) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.command = Objects.requireNonNull(command, "command");
        this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout");
    }

    @Override
    public CompletableFuture<Channel> dial(ProtocolInstaller protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (!loops.isEpoll()) {
            return CompletableFuture.failedFuture(new DialException(describe() + ": the ssh bridge needs Linux"
                    + " native epoll (UNIX domain sockets), which is not available here", true, null));
        }
        Path bridge;
        try {
            bridge = bridgeDir().resolve(seq.incrementAndGet() + ".sock");
        } catch (UncheckedIOException e) {
            return CompletableFuture.failedFuture(new DialException(describe() + ": " + e.getMessage(), false, e));
        }
        return SshConnection.open(loops, command, dialTimeout, bridge, protocol);
    }

    /** A private directory for the short-lived bridge sockets (each exists only until its pair is connected). */
    private synchronized Path bridgeDir() {
        if (bridgeDir == null) {
            try {
                bridgeDir = Files.createTempDirectory("zrc-ssh-",
                        PosixFilePermissions.asFileAttribute(SocketDirectory.PRIVATE_DIR));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a private directory for the ssh bridge: "
                        + e.getMessage(), e);
            }
        }
        return bridgeDir;
    }

    /** The ssh command line (for tests and log lines). */
    public SshCommand command() {
        return command;
    }

    @Override
    public String describe() {
        return command.describe();
    }

    @Override
    public synchronized void close() {
        if (bridgeDir == null) {
            return;
        }
        try (var left = Files.list(bridgeDir)) {
            for (Path p : (Iterable<Path>) left::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(bridgeDir);
        } catch (IOException e) {
            LOG.warn("{}: cannot remove {}: {}", describe(), bridgeDir, e.toString());
        }
        bridgeDir = null;
    }
}
