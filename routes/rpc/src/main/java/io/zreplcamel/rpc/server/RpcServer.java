package io.zreplcamel.rpc.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.zreplcamel.rpc.conn.ConnectionFrames;
import io.zreplcamel.rpc.conn.Relay;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.DataPipeline;
import io.zreplcamel.transport.frame.Hello;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of one passive job over a network transport: the {@link ProtocolInstaller} its listener calls
 * for every authenticated connection. Each connection runs the handshake, then its REQUEST says what it is for: the
 * control channel (handed to this job's in-JVM gRPC server, {@link ReplicationService}), a send (pull) or a receive
 * (push) of one step's stream ({@link ServerRequestHandler}).
 */
public final class RpcServer implements ProtocolInstaller, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String jobName;
    private final ServedEndpoints endpoints;
    private final DataChannelConfig config;
    private final LocalAddress grpcAddress;
    private final DefaultEventLoopGroup grpcLoops = new DefaultEventLoopGroup(2,
            new io.netty.util.concurrent.DefaultThreadFactory("zrepl-grpc", true));
    private final Map<SocketAddress, String> identities = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zrepl-rpc-serve-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final Server grpc;

    public RpcServer(String jobName, ServedEndpoints endpoints, DataChannelConfig config) throws IOException {
        this.jobName = Objects.requireNonNull(jobName, "jobName");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.config = Objects.requireNonNull(config, "config");
        this.grpcAddress = new LocalAddress("zrepl-rpc-" + UUID.randomUUID());
        this.grpc = NettyServerBuilder.forAddress(grpcAddress)
                .channelType(LocalServerChannel.class)
                .bossEventLoopGroup(grpcLoops)
                .workerEventLoopGroup(grpcLoops)
                .executor(workers)
                // the client pings after 10 s without traffic to find a dead link (zrepl: 5 s / 10 s)
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .maxInboundMessageSize(64 * 1024 * 1024)
                .addService(ServerInterceptors.intercept(new ReplicationService(jobName, endpoints),
                        new IdentityInterceptor(identities)))
                .build()
                .start();
    }

    @Override
    public void install(Channel channel, String peerIdentity) {
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        handshake.whenComplete((hello, error) -> {
            if (error != null) {
                LOG.warn("job {}: refused connection from {} (client {}): {}", jobName, channel.remoteAddress(),
                        peerIdentity, error.getMessage());
            }
        });
        DataPipeline.init(channel, config.withIdentity(jobName), Hello.Role.SERVER,
                hello -> new ServerRequestHandler(this, peerIdentity), handshake);
    }

    String jobName() {
        return jobName;
    }

    DataChannelConfig config() {
        return config;
    }

    ServedEndpoints endpoints() {
        return endpoints;
    }

    ExecutorService workers() {
        return workers;
    }

    /**
     * Joins an authenticated connection to the gRPC server: opens an in-JVM channel to it, registers the client's
     * identity under that channel's address, and calls {@code ready} on the connection's event loop once the channel
     * is up (the caller then answers the control request and starts the relay).
     */
    void openControl(Channel connection, String identity, java.util.function.Consumer<Channel> ready) {
        ChannelFuture f = new Bootstrap()
                .group(connection.eventLoop())
                .channel(LocalChannel.class)
                .option(io.netty.channel.ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        // nothing: the relay is added once the control request is answered
                    }
                })
                .connect(grpcAddress);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.warn("job {}: cannot open the control channel for {}: {}", jobName, identity, done.cause());
                connection.close();
                return;
            }
            Channel local = f.channel();
            identities.put(local.localAddress(), identity);
            local.closeFuture().addListener(x -> identities.remove(local.localAddress()));
            connection.closeFuture().addListener(x -> local.close());
            ready.accept(local);
        });
    }

    static void relay(Channel connection, Channel local) {
        // the relay first: bytes the frame decoder holds beyond the last frame go to it when the decoder leaves
        Relay.join(connection, local);
        ConnectionFrames.switchToRaw(connection);
        Relay.start(connection, local);
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        grpcLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
