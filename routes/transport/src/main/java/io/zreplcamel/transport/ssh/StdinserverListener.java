package io.zreplcamel.transport.ssh;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.zreplcamel.transport.conn.ConnectionListener;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.EventLoops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code stdinserver} serve: one UNIX socket per client identity in the socket directory, {@code <sockdir>/
 * <identity>}. sshd runs {@code zrepl-camel stdinserver <identity>} as the forced command of that client's key,
 * which connects to the identity's socket and relays the ssh session's stdin/stdout ({@link StdinserverRelay}); so
 * the identity of a connection is the socket it came in on, and ssh's key check is the authentication. The sockets
 * are Netty epoll domain-socket channels, so everything above them is the same pipeline as for tcp.
 */
public final class StdinserverListener implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(StdinserverListener.class);

    private final EventLoops loops;
    private final Path sockdir;
    private final List<String> identities;
    private final Map<String, Channel> bound = new LinkedHashMap<>();

    public StdinserverListener(EventLoops loops, Path sockdir, List<String> identities) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.sockdir = Objects.requireNonNull(sockdir, "sockdir");
        this.identities = List.copyOf(identities);
        if (this.identities.isEmpty()) {
            throw new IllegalArgumentException("stdinserver: client_identities must not be empty");
        }
        this.identities.forEach(id -> SocketDirectory.socketOf(sockdir, id));
    }

    @Override
    public void start(ProtocolInstaller protocol) throws InterruptedException {
        Objects.requireNonNull(protocol, "protocol");
        if (!loops.isEpoll()) {
            throw new IllegalStateException(describe() + ": UNIX domain sockets need Linux native epoll, which is not"
                    + " available here");
        }
        SocketDirectory.preparePrivate(sockdir);
        try {
            for (String identity : identities) {
                bound.put(identity, bind(identity, protocol));
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        LOG.info("{}: listening for client identities {}", describe(), identities);
    }

    private Channel bind(String identity, ProtocolInstaller protocol) throws InterruptedException {
        Path socket = SocketDirectory.socketOf(sockdir, identity);
        SocketDirectory.removeStale(socket);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.group())
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        // the socket is the identity: only the forced command of this client's key connects here
                        protocol.install(ch, identity);
                    }
                });
        Channel channel;
        try {
            channel = b.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException(describe() + ": cannot listen on " + socket + ": " + e.getMessage(), e);
        }
        try {
            // the directory is 0700 already, so nobody else could reach the socket before this
            Files.setPosixFilePermissions(socket, SocketDirectory.PRIVATE_SOCKET);
        } catch (IOException e) {
            channel.close().syncUninterruptibly();
            throw new UncheckedIOException(describe() + ": cannot make " + socket + " private: " + e.getMessage(), e);
        }
        return channel;
    }

    /** Where the client {@code identity} connects (its socket; it exists while this listener runs). */
    public Path socketOf(String identity) {
        return SocketDirectory.socketOf(sockdir, identity);
    }

    @Override
    public String describe() {
        return "stdinserver " + sockdir;
    }

    @Override
    public void close() {
        List<Path> sockets = new ArrayList<>();
        for (Map.Entry<String, Channel> e : bound.entrySet()) {
            e.getValue().close().syncUninterruptibly();
            sockets.add(socketOf(e.getKey()));
        }
        bound.clear();
        for (Path s : sockets) {
            try {
                // Netty unlinks a domain socket on close; make sure, so a later start finds no stale one
                Files.deleteIfExists(s);
            } catch (IOException e) {
                LOG.warn("{}: cannot remove {}: {}", describe(), s, e.toString());
            }
        }
    }
}
