package io.zreplcamel.transport.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.conn.ReadyGate;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/** What both certificate checks do once the TLS handshake is done: read the peer's certificate, open the gate. */
final class TlsPipeline {

    private TlsPipeline() {
    }

    /** The peer's leaf certificate, if it presented one. */
    static Optional<X509Certificate> peerCertificate(ChannelHandlerContext ctx) {
        try {
            Certificate[] chain = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the check from the pipeline and lets our protocol in: the {@link ReadyGate} installs it for the peer
     * {@code identity} and passes on what arrived early.
     */
    static void accept(ChannelHandlerContext ctx, ChannelHandler check, ProtocolInstaller protocol, String identity) {
        ReadyGate gate = ctx.pipeline().get(ReadyGate.class);
        ChannelHandlerContext gateContext = ctx.pipeline().context(gate);
        ctx.pipeline().remove(check);
        gate.open(gateContext, protocol, identity);
    }
}
