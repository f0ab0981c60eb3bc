package io.zreplcamel.rpc.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.zreplcamel.processors.endpoint.OutgoingStream;
import io.zreplcamel.processors.endpoint.ReceiveStep;
import io.zreplcamel.processors.endpoint.StepRequest;
import io.zreplcamel.processors.endpoint.TemporaryConnectivityException;
import io.zreplcamel.rpc.convert.Pdu;
import io.zreplcamel.rpc.conn.ConnectionFrames;
import io.zreplcamel.rpc.pipe.ChunkPipe;
import io.zreplcamel.rpc.proto.ConnectionRequest;
import io.zreplcamel.rpc.proto.ConnectionResponse;
import io.zreplcamel.rpc.proto.SendRes;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.Dialer;
import io.zreplcamel.transport.data.DataChannelConfig;
import io.zreplcamel.transport.data.DataPipeline;
import io.zreplcamel.transport.data.StreamOutcome;
import io.zreplcamel.transport.data.StreamReceiver;
import io.zreplcamel.transport.data.StreamSender;
import io.zreplcamel.transport.frame.Frame;
import io.zreplcamel.transport.frame.Hello;
import io.zreplcamel.transport.handshake.HandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection per step's stream (as zrepl's dataconn): dial, handshake, REQUEST, then the stream. A push writes
 * the local {@code zfs send} into the connection and returns when the sink acknowledged it (its {@code zfs recv}
 * succeeded); a pull hands the connection's stream to the local receiver through a bounded {@link ChunkPipe}.
 */
final class DataRequests {

    /** Bytes of a pulled stream that may wait for the local zfs recv on top of the data channel's buffers. */
    static final long PULL_PIPE_BYTES = 4L << 20;

    private final String jobName;
    private final Dialer dialer;
    private final DataChannelConfig config;

    DataRequests(String jobName, Dialer dialer, DataChannelConfig config) {
        this.jobName = jobName;
        this.dialer = dialer;
        this.config = config.withIdentity(jobName);
    }

    /** Push: sends {@code stream} to the peer's receiver; returns the bytes the peer acknowledged. */
    long receive(ReceiveStep step, InputStream stream) {
        String what = "receive of " + step.filesystem() + step.to().relativeName();
        StreamSender sender = new StreamSender(config);
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        ConnectionRequest request = ConnectionRequest.newBuilder().setReceive(Pdu.receive(step)).build();
        try (InputStream s = stream) {
            Channel ch = await(what, dialer.dial((c, peer) -> DataPipeline.init(c, config, Hello.Role.CLIENT,
                    hello -> {
                        // the request goes out before the stream handler can write its first DATA frame
                        c.writeAndFlush(ConnectionFrames.request(request));
                        return sender;
                    }, handshake)));
            awaitHandshake(what, handshake, ch);
            StreamOutcome o = sender.send(s);
            return switch (o.status()) {
                case COMPLETE -> o.bytes();
                case TRUNCATED, IDLE_TIMEOUT -> throw new TemporaryConnectivityException("job " + jobName + ": "
                        + what + " on " + dialer.describe() + ": " + o);
                case PEER_FAILED -> throw new RemoteEndpointException("job " + jobName + ": " + what + " on "
                        + dialer.describe() + ": " + o.detail());
                default -> throw new IllegalStateException("job " + jobName + ": " + what + " on "
                        + dialer.describe() + ": " + o);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.abort();
            throw new IllegalStateException("job " + jobName + ": " + what + " interrupted", e);
        } catch (IOException e) {
            throw new IllegalStateException("job " + jobName + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /** Pull: asks the peer to send the step; returns its stream once the peer started it. */
    OutgoingStream send(StepRequest step) {
        String what = "send of " + step.describe();
        ChunkPipe pipe = new ChunkPipe(PULL_PIPE_BYTES, false);
        StreamReceiver receiver = new StreamReceiver(config, pipe.sink());
        receiver.outcome().whenComplete((o, e) -> pipe.finish(o != null && o.isComplete() ? null
                : streamFailure(what, o, e)));
        CompletableFuture<SendRes> response = new CompletableFuture<>();
        CompletableFuture<Hello> handshake = new CompletableFuture<>();
        ConnectionRequest request = ConnectionRequest.newBuilder().setSend(Pdu.step(step)).build();
        Channel ch = await(what, dialer.dial((c, peer) -> DataPipeline.init(c, config, Hello.Role.CLIENT,
                hello -> new SendRequestHandler(request, response, receiver), handshake)));
        awaitHandshake(what, handshake, ch);
        try {
            // the peer answers once its zfs send started: bounded like a dial, plus the time zfs takes to start
            SendRes res = response.get(config.handshakeTimeout().toMillis() + config.idleTimeout().toMillis() * 6,
                    TimeUnit.MILLISECONDS);
            return new OutgoingStream(pipe.source(), res.getUsedResumeToken());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
            throw new IllegalStateException("job " + jobName + ": " + what + " interrupted", e);
        } catch (TimeoutException e) {
            ch.close();
            throw new TemporaryConnectivityException("job " + jobName + ": " + what + ": no answer from "
                    + dialer.describe(), e);
        } catch (ExecutionException e) {
            ch.close();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
    }

    private static IOException streamFailure(String what, StreamOutcome o, Throwable e) {
        if (o == null) {
            return new IOException(what + ": " + e, e);
        }
        String text = what + ": " + o;
        return switch (o.status()) {
            case TRUNCATED, IDLE_TIMEOUT -> new IOException(text, new TemporaryConnectivityException(text));
            default -> new IOException(text);
        };
    }

    private Channel await(String what, CompletableFuture<Channel> dial) {
        try {
            return dial.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("job " + jobName + ": " + what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof DialException d && d.permanent()) {
                throw new IllegalStateException("job " + jobName + ": " + what + ": " + d.getMessage(), d);
            }
            throw new TemporaryConnectivityException("job " + jobName + ": " + what + ": " + c.getMessage(), c);
        }
    }

    private void awaitHandshake(String what, CompletableFuture<Hello> handshake, Channel ch) {
        try {
            handshake.get(config.handshakeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
            throw new IllegalStateException("job " + jobName + ": " + what + " interrupted", e);
        } catch (TimeoutException e) {
            ch.close();
            throw new TemporaryConnectivityException("job " + jobName + ": " + what + ": no handshake from "
                    + dialer.describe(), e);
        } catch (ExecutionException e) {
            ch.close();
            Throwable c = e.getCause();
            if (c instanceof HandshakeException) {
                // a version mismatch or a peer that is not ours: retrying will not help until an admin acts
                throw new IllegalStateException("job " + jobName + ": " + what + ": " + dialer.describe() + ": "
                        + c.getMessage(), c);
            }
            throw new TemporaryConnectivityException("job " + jobName + ": " + what + ": " + dialer.describe()
                    + ": " + c.getMessage(), c);
        }
    }

    /** Writes the send request, waits for the answer, then hands the connection to the stream receiver. */
    private final class SendRequestHandler extends ChannelInboundHandlerAdapter {
        private final ConnectionRequest request;
        private final CompletableFuture<SendRes> response;
        private final StreamReceiver receiver;

        SendRequestHandler(ConnectionRequest request, CompletableFuture<SendRes> response, StreamReceiver receiver) {
            this.request = request;
            this.response = response;
            this.receiver = receiver;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(ConnectionFrames.request(request));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Frame.Response r) {
                ConnectionResponse res;
                try {
                    res = ConnectionFrames.parseResponse(r);
                } catch (InvalidProtocolBufferException e) {
                    response.completeExceptionally(new IllegalStateException("job " + jobName + ": the send "
                            + "response of " + dialer.describe() + " does not parse: " + e.getMessage()));
                    ctx.close();
                    return;
                }
                if (res.hasSend()) {
                    // this event-loop turn: the DATA right behind the response reaches the receiver
                    ctx.pipeline().replace(this, "stream", receiver);
                    response.complete(res.getSend());
                    return;
                }
                response.completeExceptionally(new RemoteEndpointException("job " + jobName + ": peer "
                        + dialer.describe() + ": " + res.getError()));
                ctx.close();
                return;
            }
            String what = msg instanceof Frame.ErrorTrailer err ? err.message() : "unexpected " + msg;
            ReferenceCountUtil.release(msg);
            response.completeExceptionally(new RemoteEndpointException("job " + jobName + ": peer "
                    + dialer.describe() + ": " + what));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            response.completeExceptionally(new TemporaryConnectivityException("job " + jobName + ": "
                    + dialer.describe() + " closed the connection before answering the send request"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            response.completeExceptionally(new TemporaryConnectivityException("job " + jobName + ": "
                    + dialer.describe() + ": " + cause.getMessage(), cause));
            ctx.close();
        }
    }
}
