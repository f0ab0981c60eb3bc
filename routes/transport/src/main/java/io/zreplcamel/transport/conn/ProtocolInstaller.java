package io.zreplcamel.transport.conn;

import io.netty.channel.Channel;

/**
 * Puts the protocol's handlers (frames, handshake, what the connection carries) at the end of a connection's pipeline
 * once the transport has made it ready: connected, and for TLS handshaken with the peer's certificate verified.
 * Called on the channel's event loop before any inbound byte of the protocol can reach the pipeline's end, so
 * nothing the peer sent early is lost.
 */
@FunctionalInterface
public interface ProtocolInstaller {

    /**
     * @param channel      the ready connection
     * @param peerIdentity on a listener the client's identity as the transport established it (tcp: the client map;
     *                     tls: the certificate's CN; stdinserver: the socket's name); on a dialer a description of
     *                     the server (its address, or the CN it proved)
     */
    void install(Channel channel, String peerIdentity);
}
