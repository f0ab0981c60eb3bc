package io.zreplcamel.app.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket ({@code global.control.sockpath}): a UNIX domain socket, mode 0600, on which the CLI
 * sends one request line and reads one response line per connection (docs/control.md). One thread accepts; each
 * connection is answered on a thread of its own, because a waited wakeup holds its connection until the run ended.
 * {@link #close} stops accepting, closes the open connections and removes the socket file (if it is still the one
 * this server bound).
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path path;
    private final ControlHandler handler;
    private final ServerSocketChannel channel;
    private final Object fileKey;
    private final Thread acceptor;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private ControlServer(Path path, ControlHandler handler, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.handler = handler;
        this.channel = channel;
        this.fileKey = fileKey;
        this.acceptor = new Thread(this::acceptLoop, "zrepl-control-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds the socket at {@code path} and starts answering.
     *
     * @throws ControlSocketException when the path cannot be used (another daemon listens, a non-socket file is in the way, the
     *                     directory is world-accessible or cannot be created)
     */
    public static ControlServer start(Path path, ControlHandler handler) throws ControlSocketException {
        Objects.requireNonNull(handler, "handler");
        Path p = path.toAbsolutePath();
        ControlSocketFile.prepare(p);
        ServerSocketChannel ch;
        try {
            ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw new ControlSocketException("control socket " + p + ": cannot open a UNIX socket: " + e, e);
        }
        Object key;
        try {
            ch.bind(UnixDomainSocketAddress.of(p));
            // the directory is 0700, so the moment between bind and chmod is not an opening
            Files.setPosixFilePermissions(p, ControlSocketFile.SOCKET_MODE);
            key = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the bind's error is the one to report
            }
            throw new ControlSocketException("control socket " + p + ": cannot listen: " + e.getMessage(), e);
        }
        ControlServer server = new ControlServer(p, handler, ch, key);
        server.acceptor.start();
        LOG.info("control socket {}: listening", p);
        return server;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("control socket {}: accept failed, no more control requests: {}", path, e.getMessage());
                }
                return;
            }
            connections.add(c);
            Thread t = new Thread(() -> serve(c), "zrepl-control-" + connectionCount.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(c));
            OutputStream out = Channels.newOutputStream(c);
            ControlResponse response;
            try {
                String line = ControlLines.read(in);
                if (line == null) {
                    return; // a connect without a request, e.g. a second daemon checking whether this one lives
                }
                response = handler.handle(ControlRequest.parse(line));
            } catch (ControlProtocolException e) {
                response = ControlResponse.error("bad control request: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("control socket {}: request failed: {}", path, e.getMessage(), e);
                response = ControlResponse.error("the daemon failed to handle the request: " + e.getMessage());
            }
            ControlLines.write(out, response.toLine());
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("control socket {}: connection failed: {}", path, e.getMessage());
            }
        } finally {
            connections.remove(c);
        }
    }

    /** Stops accepting, closes open connections (a waiting client sees the end of the stream) and removes the file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("control socket {}: close failed: {}", path, e.getMessage());
        }
        for (SocketChannel c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(key, fileKey)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warn("control socket {}: cannot remove the socket file: {}", path, e.getMessage());
        }
        LOG.info("control socket {}: closed", path);
    }
}
