package io.zreplcamel.app.transport;

import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.HostPort;
import io.zreplcamel.config.model.transport.Serve;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.rpc.client.RemoteEndpoint;
import io.zreplcamel.rpc.server.RpcServer;
import io.zreplcamel.transport.conn.ConnectionListener;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.EventLoops;
import io.zreplcamel.transport.ssh.SshCommand;
import io.zreplcamel.transport.ssh.SshDialer;
import io.zreplcamel.transport.ssh.StdinserverListener;
import io.zreplcamel.transport.tcp.ClientMap;
import io.zreplcamel.transport.tcp.TcpDialer;
import io.zreplcamel.transport.tcp.TcpListener;
import io.zreplcamel.transport.tls.TlsCredentials;
import io.zreplcamel.transport.tls.TlsDialer;
import io.zreplcamel.transport.tls.TlsFileException;
import io.zreplcamel.transport.tls.TlsListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network transports of one daemon: the listeners of its sink and source jobs ({@code serve: tcp|tls|
 * stdinserver}), each answering with an {@link RpcServer} whose calls go through the job's serve route, and the
 * {@link RemoteEndpoint}s of its push and pull jobs ({@code connect: tcp|tls|ssh+stdinserver}). Listeners are bound
 * when the Camel context has started and closed when it stops (a context restart binds them again); the event
 * loops are created only when a job uses a network transport.
 */
public final class NetworkTransports {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkTransports.class);
    /** The longest one control call may take (listing a pool with very many snapshots, a large batch destroy). */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(30);

    private EventLoops loops;
    private final List<Supplier<ConnectionListener>> listenerFactories = new ArrayList<>();
    private final List<ConnectionListener> running = new ArrayList<>();
    private Path stdinserverSockdir = io.zreplcamel.config.model.global.Global.DEFAULT_STDINSERVER_SOCKDIR;

    private synchronized EventLoops loops() {
        if (loops == null) {
            loops = EventLoops.create(0);
        }
        return loops;
    }

    /** Whether this release runs {@code connect} of this type over the network. */
    public static boolean supports(Connect connect) {
        return connect instanceof Connect.Tcp || connect instanceof Connect.Tls
                || connect instanceof Connect.SshStdinserver;
    }

    /** Whether this release runs {@code serve} of this type over the network. */
    public static boolean supports(Serve serve) {
        return serve instanceof Serve.Tcp || serve instanceof Serve.Tls || serve instanceof Serve.Stdinserver;
    }

    /**
     * Checks what can be checked before anything starts (the clients map; the tls files), so that a bad serve
     * fails the install with its job's name, not the listener's start.
     */
    public static void validate(String jobName, Serve serve) {
        if (serve instanceof Serve.Tcp tcp) {
            try {
                ClientMap.parse(tcp.clients());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("job " + jobName + ": serve.clients: " + e.getMessage(), e);
            }
        }
        if (serve instanceof Serve.Tls tls) {
            tlsCredentials(jobName, "serve", tls.ca(), tls.cert(), tls.key());
        }
    }

    /** Checks an active job's connect before anything starts: a tls connect's files are read here. */
    public static void validate(String jobName, Connect connect) {
        if (connect instanceof Connect.Tls tls) {
            tlsCredentials(jobName, "connect", tls.ca(), tls.cert(), tls.key());
        }
    }

    /** Where {@code stdinserver} serves put their sockets ({@code global.serve.stdinserver.sockdir}). */
    public synchronized void stdinserverSockdir(Path sockdir) {
        this.stdinserverSockdir = java.util.Objects.requireNonNull(sockdir, "sockdir");
    }

    /** The peer of an active job. */
    public RemoteEndpoint connect(String jobName, Connect connect) {
        Dialer dialer;
        if (connect instanceof Connect.Tcp tcp) {
            dialer = new TcpDialer(loops(), tcp.address().host(), tcp.address().port(), tcp.dialTimeout());
        } else if (connect instanceof Connect.SshStdinserver ssh) {
            dialer = new SshDialer(loops(), new SshCommand(ssh.sshCommand().orElse("ssh"), ssh.host(), ssh.user(),
                    ssh.port(), ssh.identityFile(), ssh.options()), ssh.dialTimeout());
        } else if (connect instanceof Connect.Tls tls) {
            dialer = new TlsDialer(loops(), tls.address().host(), tls.address().port(),
                    tlsCredentials(jobName, "connect", tls.ca(), tls.cert(), tls.key()), tls.serverCn(),
                    tls.dialTimeout());
        } else {
            throw new IllegalArgumentException("job " + jobName + ": connect type " + connect.type()
                    + " is not a network transport of this release");
        }
        return new RemoteEndpoint(jobName, dialer, DataChannelConfig.defaults(), CALL_TIMEOUT);
    }

    /**
     * Registers a passive job's listener; it is bound by {@link #start()}.
     *
     * @param endpoints the endpoint the job gives each client identity
     */
    public void serve(String jobName, Serve serve, Function<String, Endpoint> endpoints) {
        Supplier<ConnectionListener> factory;
        if (serve instanceof Serve.Tcp tcp) {
            factory = () -> new TcpListener(loops(), bindAddress(tcp.listen()), tcp.listenFreebind(),
                    ClientMap.parse(tcp.clients()));
        } else if (serve instanceof Serve.Tls tls) {
            // files read and TLS set up now, so that starting the context only binds (TlsListener can be started
            // again after close)
            TlsListener listener = new TlsListener(loops(), bindAddress(tls.listen()), tls.listenFreebind(),
                    tlsCredentials(jobName, "serve", tls.ca(), tls.cert(), tls.key()), tls.clientCns(),
                    tls.handshakeTimeout());
            factory = () -> listener;
        } else if (serve instanceof Serve.Stdinserver stdinserver) {
            Path sockdir = stdinserverSockdir;
            factory = () -> new StdinserverListener(loops(), sockdir, stdinserver.clientIdentities());
        } else {
            throw new IllegalArgumentException("job " + jobName + ": serve type " + serve.type()
                    + " is not a network transport of this release");
        }
        // the RPC server last: it starts threads, which a listener that cannot be set up would leave behind
        RpcServer server;
        try {
            server = new RpcServer(jobName, endpoints::apply, DataChannelConfig.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException("job " + jobName + ": cannot start its RPC server: " + e.getMessage(), e);
        }
        listenerFactories.add(() -> new ServingListener(jobName, factory.get(), server));
    }

    /** Reads a tls section's files; a renewed certificate is picked up when the daemon is restarted. */
    private static TlsCredentials tlsCredentials(String jobName, String section, Path ca,
                                                 Path cert, Path key) {
        try {
            return TlsCredentials.load(ca, cert, key);
        } catch (TlsFileException e) {
            throw new IllegalArgumentException("job " + jobName + ": " + section + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress bindAddress(HostPort listen) {
        // Go's ":8888": every address of the host, IPv4 and IPv6
        return listen.host().isEmpty() ? new InetSocketAddress(listen.port())
                : new InetSocketAddress(listen.host(), listen.port());
    }

    /** Binds every registered listener; a listener that cannot bind fails the start (the daemon stops). */
    public synchronized void start() throws InterruptedException {
        for (Supplier<ConnectionListener> f : listenerFactories) {
            ConnectionListener l = f.get();
            l.start(null);
            running.add(l);
        }
    }

    /** Closes the listeners (connections in flight end with them); {@link #start()} may bind them again. */
    public synchronized void stop() {
        for (ConnectionListener l : running) {
            try {
                l.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {}: {}", l.describe(), e.toString());
            }
        }
        running.clear();
    }

    /** A job's listener with its RPC server as the protocol. */
    private record ServingListener(String jobName, ConnectionListener listener, RpcServer server)
            implements ConnectionListener {

        @Override
        public void start(io.zreplcamel.transport.conn.ProtocolInstaller ignored) throws InterruptedException {
            listener.start(server);
            LOG.info("job {}: serving on {}", jobName, listener.describe());
        }

        @Override
        public String describe() {
            return "job " + jobName + ": " + listener.describe();
        }

        @Override
        public void close() {
            listener.close();
        }
    }
}
