package io.zreplcamel.transport.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.time.Duration;

/** Turns what the JDK's TLS engine threw during a handshake into what an admin needs to read. */
final class HandshakeFailures {

    private HandshakeFailures() {
    }

    /** On the server: why a client was refused. */
    static String ofClient(Throwable cause, Duration handshakeTimeout, TlsCredentials credentials) {
        Throwable root = root(cause);
        String message = messageOf(root);
        if (find(cause, SslHandshakeTimeoutException.class)) {
            return "TLS handshake not finished within handshake_timeout " + handshakeTimeout.toMillis() + " ms";
        }
        if (find(cause, NotSslRecordException.class)) {
            return "not a TLS client (what it sent is not a TLS record)";
        }
        if (find(cause, ClosedChannelException.class)) {
            return "the client closed the connection during the TLS handshake";
        }
        if (message.contains("Empty client certificate chain")) {
            return "the client presented no certificate (client must present full RFC5246:7.4.2 TLS client "
                    + "certificate chain)";
        }
        if (find(cause, CertificateException.class)) {
            if (notSignedByCa(message)) {
                return "the client certificate is not signed by the ca (" + credentials.caFile() + "): " + message;
            }
            return "the client certificate is not valid: " + message;
        }
        if (message.contains("Received fatal alert")) {
            return "the client aborted the TLS handshake (does it trust our certificate?): " + message;
        }
        return "TLS handshake failed: " + message;
    }

    /** On the client: whether retrying can help, and why the handshake failed. */
    static boolean permanentOnClient(Throwable cause) {
        // our trust manager rejected the server's certificate: an admin must change a certificate or the ca
        return find(cause, CertificateException.class);
    }

    static String ofServer(Throwable cause, TlsCredentials credentials) {
        String message = messageOf(root(cause));
        if (find(cause, CertificateException.class)) {
            if (notSignedByCa(message)) {
                return "server certificate is not signed by the ca (" + credentials.caFile() + "): " + message;
            }
            return "server certificate is not valid: " + message;
        }
        if (find(cause, SslHandshakeTimeoutException.class)) {
            return "TLS handshake timed out";
        }
        if (find(cause, ClosedChannelException.class)) {
            return "the server closed the connection during the TLS handshake";
        }
        if (find(cause, NotSslRecordException.class)) {
            return "not a TLS server (what it sent is not a TLS record)";
        }
        return "TLS handshake failed: " + message;
    }

    /** The JDK's words for "no chain from this certificate to a trusted one" (not: expired, wrong usage, ...). */
    private static boolean notSignedByCa(String message) {
        return message.contains("PKIX path building failed")
                || message.contains("unable to find valid certification path");
    }

    static boolean find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        // the SSLHandshakeException's own text is the clearest (the JDK puts the cause's message into it)
        while (r.getCause() != null && r.getCause() != r && !(r instanceof javax.net.ssl.SSLException)) {
            r = r.getCause();
        }
        return r;
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
