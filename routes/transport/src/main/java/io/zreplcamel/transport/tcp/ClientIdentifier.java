package io.zreplcamel.transport.tcp;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The tcp serve's {@code clients} map as a function: the identity of a client address, empty when it is unknown. */
@FunctionalInterface
public interface ClientIdentifier {

    Optional<String> identify(InetSocketAddress client);
}
