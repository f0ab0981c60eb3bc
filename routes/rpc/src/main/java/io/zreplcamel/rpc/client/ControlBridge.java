package io.zreplcamel.rpc.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.rpc.conn.ConnectionFrames;
import io.zreplcamel.rpc.conn.Relay;
import io.zreplcamel.rpc.proto.ConnectionRequest;
import io.zreplcamel.rpc.proto.ConnectionResponse;
import io.zreplcamel.rpc.proto.ControlReq;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.DataPipeline;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.Hello;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's end of the control channel: gRPC dials an in-JVM address, and each channel it opens there is joined
 * to a new transport connection (tcp, tls, ssh) once that connection has passed our handshake and its control
 * request was accepted. gRPC's own reconnects therefore dial the transport again. Why a dial failed (refused,
 * version mismatch, certificate) is kept for the error the caller sees, since gRPC itself only says "unavailable".
 */
final class ControlBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlBridge.class);

    private final LocalAddress address = new LocalAddress("zrepl-control-" + UUID.randomUUID());
    private final Channel server;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    ControlBridge(DefaultEventLoopGroup loops, Dialer dialer, DataChannelConfig config, String jobName) {
        server = new ServerBootstrap()
                .group(loops)
                .channel(LocalServerChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel local) {
                        connect(local, dialer, config, jobName);
                    }
                })
                .bind(address).syncUninterruptibly().channel();
    }

    LocalAddress address() {
        return address;
    }

    /** Why the last control connection could not be made, if it could not. */
    String lastFailure() {
        return lastFailure.get();
    }

    private void connect(LocalChannel local, Dialer dialer, DataChannelConfig config, String jobName) {
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        handshake.whenComplete((h, e) -> {
            if (e != null) {
                fail(local, dialer.describe() + ": " + message(e));
            }
        });
        dialer.dial((ch, peer) -> {
            local.closeFuture().addListener(x -> ch.close());
            DataPipeline.init(ch, config.withIdentity(jobName), Hello.Role.CLIENT,
                    hello -> new ControlRequestHandler(local, dialer), handshake);
        }).whenComplete((ch, e) -> {
            if (e != null) {
                fail(local, message(e));
            } else {
                ch.closeFuture().addListener(x -> local.close());
            }
        });
    }

    private void fail(Channel local, String why) {
        lastFailure.set(why);
        LOG.debug("control connection failed: {}", why);
        local.close();
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Sends the control request after the handshake and joins the connection to gRPC when it is accepted. */
    private final class ControlRequestHandler extends ChannelInboundHandlerAdapter {
        private final Channel local;
        private final Dialer dialer;

        ControlRequestHandler(Channel local, Dialer dialer) {
            this.local = local;
            this.dialer = dialer;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(ConnectionFrames.request(ConnectionRequest.newBuilder()
                    .setControl(ControlReq.getDefaultInstance()).build()));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Frame.Response r) {
                ConnectionResponse response;
                try {
                    response = ConnectionFrames.parseResponse(r);
                } catch (InvalidProtocolBufferException e) {
                    fail(local, dialer.describe() + ": the control response does not parse: " + e.getMessage());
                    ctx.close();
                    return;
                }
                if (response.hasControl()) {
                    lastFailure.set(null);
                    ctx.pipeline().remove(this);
                    // the relay first: the server's first HTTP/2 bytes may have come in the same read as the
                    // response; the frame decoder passes what it holds on to the relay when it is removed
                    Relay.join(ctx.channel(), local);
                    ConnectionFrames.switchToRaw(ctx.channel());
                    Relay.start(ctx.channel(), local);
                    return;
                }
                fail(local, dialer.describe() + ": control connection refused: " + response.getError());
                ctx.close();
                return;
            }
            if (msg instanceof Frame.ErrorTrailer err) {
                fail(local, dialer.describe() + ": control connection refused: " + err.message());
            } else {
                fail(local, dialer.describe() + ": expected the control response, got " + msg);
            }
            ReferenceCountUtil.release(msg);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (local.isActive()) {
                fail(local, dialer.describe() + ": connection closed before the control response");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(local, dialer.describe() + ": " + message(cause));
            ctx.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
