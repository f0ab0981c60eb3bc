package io.zreplcamel.transport.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.zreplcamel.transport.conn.DialException;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Client side, between the {@link SslHandler} and the {@link ReadyGate}: when the handshake is done (the JDK engine
 * has verified the server's chain against {@code ca}), checks the certificate against {@code server_cn}, then lets
 * the protocol in and completes the dial; otherwise fails the dial and closes. Removes itself once decided.
 */
final class ServerCertificateCheck extends ChannelInboundHandlerAdapter {

    private final TlsDialer dialer;
    private final ProtocolInstaller protocol;
    private final CompletableFuture<Channel> result;

    ServerCertificateCheck(TlsDialer dialer, ProtocolInstaller protocol, CompletableFuture<Channel> result) {
        this.dialer = dialer;
        this.protocol = protocol;
        this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (result.isDone()) {
            // the dial timed out meanwhile; the channel is being closed
            return;
        }
        if (!done.isSuccess()) {
            fail(ctx, HandshakeFailures.ofServer(done.cause(), dialer.credentials()),
                    HandshakeFailures.permanentOnClient(done.cause()), done.cause());
            return;
        }
        Optional<X509Certificate> cert = TlsPipeline.peerCertificate(ctx);
        if (cert.isEmpty()) {
            fail(ctx, "the server presented no certificate", true, null);
            return;
        }
        Optional<String> problem = ServerName.problem(cert.get(), dialer.serverCn());
        if (problem.isPresent()) {
            fail(ctx, "the server certificate (" + cert.get().getSubjectX500Principal() + ") does not match server_cn \""
                    + dialer.serverCn() + "\": " + problem.get(), true, null);
            return;
        }
        TlsPipeline.accept(ctx, this, protocol, dialer.describe());
        result.complete(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!result.isDone()) {
            fail(ctx, HandshakeFailures.ofServer(cause, dialer.credentials()),
                    HandshakeFailures.permanentOnClient(cause), cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!result.isDone()) {
            fail(ctx, "the server closed the connection during the TLS handshake", false, null);
        }
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, String why, boolean permanent, Throwable cause) {
        result.completeExceptionally(new DialException(dialer.describe() + ": " + why, permanent, cause));
        ctx.close();
    }
}
