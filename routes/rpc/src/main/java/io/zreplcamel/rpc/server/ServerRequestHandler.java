package io.zreplcamel.rpc.server;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.processors.endpoint.Endpoint;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.Receiver;
import io.zreplcamel.processors.endpoint.Sender;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.rpc.convert.Pdu;
import io.zreplcamel.rpc.conn.ConnectionFrames;
import io.zreplcamel.rpc.pipe.ChunkPipe;
import io.zreplcamel.rpc.proto.ConnectionRequest;
import io.zreplcamel.rpc.proto.ConnectionResponse;
import io.zreplcamel.rpc.proto.ControlOk;
import io.zreplcamel.rpc.proto.SendRes;
import io.zreplcamel.transport.data.StreamOutcome;
import io.zreplcamel.transport.data.StreamReceiver;
import io.zreplcamel.transport.data.StreamSender;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.ProtocolException;
import io.zreplcamel.transport.handshake.HandshakeException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first frame after the handshake on a served connection: the REQUEST that says what the connection is for.
 * Anything else first, a request that does not parse or a request the job cannot serve is answered with an error
 * and the connection is closed; nothing was read from or written to a dataset by then.
 */
final class ServerRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRequestHandler.class);
    /** Bytes of a pushed stream that may wait for zfs recv on top of the data channel's own buffers. */
    static final long RECEIVE_PIPE_BYTES = 4L << 20;

    private final RpcServer server;
    private final String identity;
    private boolean answered;

    ServerRequestHandler(RpcServer server, String identity) {
        this.server = server;
        this.identity = identity;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (answered) {
            ReferenceCountUtil.release(msg);
            return;
        }
        answered = true;
        if (!(msg instanceof Frame.Request frame)) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, "expected a REQUEST frame after the handshake, got " + msg);
            return;
        }
        ConnectionRequest request;
        try {
            request = ConnectionFrames.parseRequest(frame);
        } catch (InvalidProtocolBufferException e) {
            refuse(ctx, "the REQUEST frame does not parse: " + e.getMessage());
            return;
        }
        switch (request.getKindCase()) {
            case CONTROL -> control(ctx);
            case SEND -> send(ctx, request);
            case RECEIVE -> receive(ctx, request);
            default -> refuse(ctx, "the REQUEST frame names no known request (" + request.getKindCase() + ")");
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        LOG.warn("job {}: client {} at {}: {}", server.jobName(), identity, ctx.channel().remoteAddress(), why);
        ctx.writeAndFlush(Frame.ErrorTrailer.bounded(why))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void control(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        server.openControl(ctx.channel(), identity, local -> {
            ctx.writeAndFlush(ConnectionFrames.response(ConnectionResponse.newBuilder()
                    .setControl(ControlOk.getDefaultInstance()).build())).addListener(f -> {
                        if (!f.isSuccess()) {
                            ctx.close();
                            return;
                        }
                        ctx.pipeline().remove(this);
                        RpcServer.relay(ctx.channel(), local);
                    });
        });
    }

    private void send(ChannelHandlerContext ctx, ConnectionRequest request) {
        StepRequest step;
        Endpoint endpoint;
        try {
            step = Pdu.step(request.getSend());
            endpoint = server.endpoints().endpointFor(identity);
        } catch (RuntimeException e) {
            sendFailed(ctx, "send request refused: " + RpcServerMessages.of(e));
            return;
        }
        if (!(endpoint instanceof Sender sender)) {
            sendFailed(ctx, "job " + server.jobName() + " does not send (it is a sink): connect a push job to it,"
                    + " or point the pull job at a source");
            return;
        }
        ctx.channel().config().setAutoRead(false);
        server.workers().execute(() -> {
            OutgoingStream out;
            try {
                out = sender.send(step);
            } catch (RuntimeException e) {
                ctx.executor().execute(() -> {
                    ctx.channel().config().setAutoRead(true);
                    sendFailed(ctx, RpcServerMessages.of(e));
                });
                return;
            }
            StreamSender streamSender = new StreamSender(server.config());
            ctx.executor().execute(() -> {
                ctx.writeAndFlush(ConnectionFrames.response(ConnectionResponse.newBuilder()
                        .setSend(SendRes.newBuilder().setUsedResumeToken(out.usedResumeToken())).build()));
                ctx.pipeline().replace(this, "stream", streamSender);
                ctx.channel().config().setAutoRead(true);
            });
            stream(step, out.stream(), streamSender);
        });
    }

    private void stream(StepRequest step, InputStream stream, StreamSender streamSender) {
        try (InputStream s = stream) {
            StreamOutcome o = streamSender.send(s);
            if (o.isComplete()) {
                LOG.info("job {}: client {}: sent {} ({} bytes)", server.jobName(), identity, step.describe(),
                        o.bytes());
            } else {
                LOG.warn("job {}: client {}: send of {} ended: {}", server.jobName(), identity, step.describe(), o);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            streamSender.abort();
        } catch (Exception e) {
            LOG.warn("job {}: client {}: send of {} failed: {}", server.jobName(), identity, step.describe(),
                    RpcServerMessages.of(e));
            streamSender.abort();
        }
    }

    private void sendFailed(ChannelHandlerContext ctx, String message) {
        LOG.warn("job {}: client {}: {}", server.jobName(), identity, message);
        ctx.writeAndFlush(ConnectionFrames.response(ConnectionResponse.newBuilder().setError(message).build()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void receive(ChannelHandlerContext ctx, ConnectionRequest request) {
        ReceiveStep step;
        Endpoint endpoint;
        try {
            step = Pdu.receive(request.getReceive());
            endpoint = server.endpoints().endpointFor(identity);
        } catch (RuntimeException e) {
            refuse(ctx, "receive request refused: " + RpcServerMessages.of(e));
            return;
        }
        if (!(endpoint instanceof Receiver receiver)) {
            refuse(ctx, "job " + server.jobName() + " does not receive (it is a source): point the push job at a"
                    + " sink, or run a pull job against this source");
            return;
        }
        ChunkPipe pipe = new ChunkPipe(RECEIVE_PIPE_BYTES, true);
        StreamReceiver streamReceiver = new StreamReceiver(server.config(), pipe.sink());
        // in this event-loop turn, so the DATA frames right behind the request reach the stream receiver
        ctx.pipeline().replace(this, "stream", streamReceiver);
        String what = step.filesystem() + step.to().relativeName();
        streamReceiver.outcome().whenComplete((o, e) -> {
            if (o != null && !o.isComplete()) {
                LOG.warn("job {}: client {}: receive of {} ended: {}", server.jobName(), identity, what, o);
            }
        });
        server.workers().execute(() -> {
            // the outcome first, the close after: a failed receive's own message is what the client must see, not
            // the early close it causes
            InputStream in = pipe.source();
            try {
                long n = receiver.receive(step, in);
                LOG.info("job {}: client {}: received {} ({} bytes)", server.jobName(), identity, what, n);
                pipe.readerDone(null);
            } catch (Exception e) {
                LOG.warn("job {}: client {}: receive of {} failed: {}", server.jobName(), identity, what,
                        RpcServerMessages.of(e));
                pipe.readerDone(e);
            } finally {
                closeQuietly(in);
            }
        });
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // the pipe's source does not fail on close
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("job {}: client {} at {}: {}", server.jobName(), identity, ctx.channel().remoteAddress(),
                cause instanceof HandshakeException || cause instanceof ProtocolException ? cause.getMessage()
                        : cause.toString());
        ctx.close();
    }
}
