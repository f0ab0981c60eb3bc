package io.zreplcamel.transport.ssh;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.EventLoops;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ssh+stdinserver connection: one {@code ssh} process, bridged to a Netty channel.
 *
 * <p>The bridge is a kernel socket pair: a Netty epoll domain-socket channel (where the protocol runs, the same
 * pipeline as tcp) connected to a blocking JDK socket that two threads pump to and from the process's stdin and
 * stdout. Backpressure is the kernel's in both directions: a receiver that stops reading fills the socket, the pump
 * blocks, stops reading ssh's stdout, ssh's pipe fills and ssh stops reading the network; a slow ssh blocks the
 * stdin pump, the socket fills and the Netty channel becomes unwritable, which stops the stream's sender. Each pump
 * holds one buffer; nothing holds a stream. (An in-JVM LocalChannel pair would not do: a LocalChannel hands every
 * write straight to its peer's unbounded inbound queue, so it never turns unwritable.)
 *
 * <p>The connection counts as up when the first byte comes from ssh: our protocol's server sends its magic and
 * HELLO as soon as it has the connection, so that byte proves that ssh logged in, the forced command ran and the
 * daemon's socket answered. Until then a failure (ssh exits, the remote stdinserver finds no socket, {@code
 * dial_timeout}) fails the dial with ssh's stderr in the {@link DialException}.
 */
final class SshConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SshDialer.class);
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final int BUFFER = 128 * 1024;
    /** How long ssh may take to exit after our channel closed before it is terminated. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final EventLoops loops;
    private final SshCommand command;
    private final Duration dialTimeout;
    private final Path bridgeSocket;
    private final ProtocolInstaller protocol;
    private final String who;
    private final int id = SEQ.incrementAndGet();
    private final CompletableFuture<Channel> result = new CompletableFuture<>();
    private final AtomicBoolean decided = new AtomicBoolean();
    private final AtomicInteger pumpsRunning = new AtomicInteger(2);
    private volatile boolean timedOut;
    private Process process;
    private StderrTail stderr;
    private SocketChannel end;

    private SshConnection(EventLoops loops, SshCommand command, Duration dialTimeout, Path bridgeSocket,
            ProtocolInstaller protocol) {
        this.loops = loops;
        this.command = command;
        this.dialTimeout = dialTimeout;
        this.bridgeSocket = bridgeSocket;
        this.protocol = protocol;
        this.who = command.describe();
    }

    static CompletableFuture<Channel> open(EventLoops loops, SshCommand command, Duration dialTimeout,
            Path bridgeSocket, ProtocolInstaller protocol) {
        SshConnection c = new SshConnection(loops, command, dialTimeout, bridgeSocket, protocol);
        c.start();
        return c.result;
    }

    private void start() {
        List<String> argv = command.argv();
        ProcessBuilder pb = new ProcessBuilder(argv);
        // zrepl runs ssh with an empty environment; PATH stays for ProxyCommand and the like
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        try {
            process = pb.start();
        } catch (IOException e) {
            result.completeExceptionally(new DialException(who + ": cannot run " + argv.get(0) + ": "
                    + e.getMessage(), true, e));
            return;
        }
        LOG.debug("{}: started ssh (pid {}): {}", who, process.pid(), argv);
        stderr = new StderrTail(process.getErrorStream(), who, "zrc-ssh-" + id + "-stderr");
        if (!dialTimeout.isZero()) {
            loops.group().schedule(() -> {
                if (decided.compareAndSet(false, true)) {
                    timedOut = true;
                    process.destroyForcibly();
                }
            }, dialTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        Thread out = new Thread(this::fromSsh, "zrc-ssh-" + id + "-out");
        out.setDaemon(true);
        out.start();
    }

    /** The stdout pump, which first waits for the first byte and brings the connection up. */
    private void fromSsh() {
        InputStream fromSsh = process.getInputStream();
        byte[] buf = new byte[BUFFER];
        int n;
        try {
            n = fromSsh.read(buf);
        } catch (IOException e) {
            n = -1;
        }
        boolean beforeTheTimeout = decided.compareAndSet(false, true);
        if (n < 0 || !beforeTheTimeout) {
            failBeforeUp();
            return;
        }
        Channel channel;
        try {
            channel = bridge();
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            result.completeExceptionally(new DialException(who + ": cannot bridge the ssh process to a channel: "
                    + e.getMessage(), false, e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            result.completeExceptionally(new DialException(who + ": interrupted", false, e));
            return;
        }
        channel.closeFuture().addListener(f -> reapAfterClose(channel.eventLoop()));
        process.onExit().thenAccept(p -> {
            int code = p.exitValue();
            if (code == 0) {
                LOG.debug("{}: ssh (pid {}) exited", who, p.pid());
            } else {
                LOG.info("{}: ssh (pid {}) exited with code {}", who, p.pid(), code);
            }
        });
        Thread in = new Thread(this::toSsh, "zrc-ssh-" + id + "-in");
        in.setDaemon(true);
        in.start();
        result.complete(channel);
        try {
            writeFully(buf, n);
            while ((n = fromSsh.read(buf)) >= 0) {
                writeFully(buf, n);
            }
            // ssh's stdout ended (the remote side closed): the channel reads EOF after the last byte and closes
            end.shutdownOutput();
        } catch (IOException e) {
            // our channel closed (the protocol is done with the connection) or ssh's pipe broke
            LOG.debug("{}: ssh → channel ended: {}", who, e.toString());
        } finally {
            pumpEnded();
        }
    }

    /** The stdin pump: bytes the protocol writes go to ssh; our channel's close ends ssh's input. */
    private void toSsh() {
        OutputStream toSsh = process.getOutputStream();
        ByteBuffer bb = ByteBuffer.allocate(BUFFER);
        try {
            while (end.read(bb) >= 0) {
                toSsh.write(bb.array(), 0, bb.position());
                toSsh.flush();
                bb.clear();
            }
        } catch (IOException e) {
            LOG.debug("{}: channel → ssh ended: {}", who, e.toString());
        } finally {
            try {
                // EOF on ssh's stdin: ssh passes it on, the remote relay half-closes the daemon's socket
                toSsh.close();
            } catch (IOException ignored) {
                // ssh is gone already
            }
            pumpEnded();
        }
    }

    private void writeFully(byte[] buf, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
            end.write(bb);
        }
    }

    private void pumpEnded() {
        if (pumpsRunning.decrementAndGet() == 0) {
            try {
                end.close();
            } catch (IOException ignored) {
                // nothing left to lose
            }
        }
    }

    /**
     * Connects a Netty domain-socket channel to a JDK socket through a private socket file, which is removed as soon
     * as the pair is connected. The protocol is installed on the channel before it becomes active.
     */
    private Channel bridge() throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(bridgeSocket), 1);
            try {
                ChannelFuture connect = new Bootstrap()
                        .group(loops.group())
                        .channel(EpollDomainSocketChannel.class)
                        .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                            @Override
                            protected void initChannel(EpollDomainSocketChannel ch) {
                                protocol.install(ch, who);
                            }
                        })
                        .connect(new DomainSocketAddress(bridgeSocket.toFile()));
                connect.addListener(f -> {
                    if (!f.isSuccess()) {
                        server.close(); // wakes accept() below
                    }
                });
                try {
                    end = server.accept();
                } catch (IOException e) {
                    connect.await();
                    throw new IOException(connect.cause() != null ? connect.cause().toString() : e.toString(), e);
                }
                connect.sync();
                return connect.channel();
            } finally {
                Files.deleteIfExists(bridgeSocket);
            }
        }
    }

    private void failBeforeUp() {
        long waitMs = 5000;
        try {
            if (!process.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(waitMs, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String said = stderr.text(1000);
        String message;
        if (timedOut) {
            message = who + ": dial_timeout of " + format(dialTimeout) + " exceeded (ssh killed)"
                    + (said.isEmpty() ? "" : "; ssh wrote: " + said);
        } else {
            String code = process.isAlive() ? "did not exit" : "exited with code " + process.exitValue();
            message = who + ": ssh " + code + " before the connection was up"
                    + (said.isEmpty() ? " (nothing on its stderr)" : ": " + said);
        }
        result.completeExceptionally(new DialException(message, false, null));
    }

    /** Once our channel closed, ssh should follow within moments (its input ended); if not, it is terminated. */
    private void reapAfterClose(EventLoop loop) {
        if (!process.isAlive()) {
            return;
        }
        var kill = loop.schedule(() -> {
            if (process.isAlive()) {
                LOG.warn("{}: ssh (pid {}) still running {} after the connection closed; terminating it", who,
                        process.pid(), format(EXIT_GRACE));
                process.destroy();
                loop.schedule(() -> {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                }, 5, TimeUnit.SECONDS);
            }
        }, EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        process.onExit().thenRun(() -> kill.cancel(false));
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
