package io.zreplcamel.transport.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Netty SSL contexts for both sides, on the JDK's TLS (no native OpenSSL here). TLS 1.3 and 1.2 only, 1.3
 * preferred; the server requires a client certificate and both sides trust only their {@code ca}. The client does
 * no hostname check of its own in the engine: {@link ServerName} checks {@code server_cn} after the handshake so
 * the error can say what the certificate is valid for.
 */
final class TlsContexts {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    static SslContext server(TlsCredentials c) {
        try {
            return SslContextBuilder.forServer(new OwnCertificateKeyManager(c.key(), c.chain()))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .trustManager(c.ca())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + c + ": " + e.getMessage(), e);
        }
    }

    static SslContext client(TlsCredentials c) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .keyManager(new OwnCertificateKeyManager(c.key(), c.chain()))
                    .trustManager(c.ca())
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + c + ": " + e.getMessage(), e);
        }
    }
}
