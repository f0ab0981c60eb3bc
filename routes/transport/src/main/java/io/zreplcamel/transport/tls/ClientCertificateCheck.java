package io.zreplcamel.transport.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Server side, between the {@link SslHandler} and the {@link ReadyGate}: when the handshake is done (the JDK engine
 * has verified the client's chain against {@code ca}), checks the CN against {@code client_cns} and lets the
 * protocol in with the CN as the identity; otherwise logs the refusal and closes. Removes itself once decided.
 */
final class ClientCertificateCheck extends ChannelInboundHandlerAdapter {

    private final TlsListener listener;
    private final ProtocolInstaller protocol;
    private boolean decided;

    ClientCertificateCheck(TlsListener listener, ProtocolInstaller protocol) {
        this.listener = listener;
        this.protocol = protocol;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (decided) {
            return;
        }
        if (!done.isSuccess()) {
            refuse(ctx, HandshakeFailures.ofClient(done.cause(), listener.handshakeTimeout(),
                    listener.credentials()));
            return;
        }
        Optional<X509Certificate> cert = TlsPipeline.peerCertificate(ctx);
        if (cert.isEmpty()) {
            refuse(ctx, "the client presented no certificate (client must present full RFC5246:7.4.2 TLS client "
                    + "certificate chain)");
            return;
        }
        Optional<String> cn = CommonName.of(cert.get());
        if (cn.isEmpty()) {
            refuse(ctx, "the client certificate (" + cert.get().getSubjectX500Principal() + ") has no common name");
            return;
        }
        if (!listener.allowed(cn.get())) {
            refuse(ctx, "unauthorized client common name \"" + cn.get() + "\" (not in client_cns)");
            return;
        }
        decided = true;
        TlsPipeline.accept(ctx, this, protocol, cn.get());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // before the decision everything is a failed handshake, reported once (usually by the completion event)
        if (!decided) {
            refuse(ctx, HandshakeFailures.ofClient(cause, listener.handshakeTimeout(), listener.credentials()));
        }
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        decided = true;
        listener.refused(ctx.channel(), why);
        ctx.close();
    }
}
