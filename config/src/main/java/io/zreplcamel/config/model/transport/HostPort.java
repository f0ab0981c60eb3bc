package io.zreplcamel.config.model.transport;

import java.util.Optional;

/**
 * A {@code host:port} address as Go's {@code net.SplitHostPort} reads it: {@code example.com:8888},
 * {@code 192.0.2.1:8888}, {@code [2001:db8::1]:8888}, or {@code :8888} (empty host = all addresses).
 * Unlike Go, the port must be a number 0-65535 (service names are not looked up).
 */
public record HostPort(String host, int port) {

    public static HostPort parse(String text) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new HostPort(host, Integer.parseInt(text.substring(colon + 1)));
    }

    /** Why {@code text} is not a valid {@code host:port}, or empty. */
    public static Optional<String> problem(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Optional.of("address \"" + text + "\" must be host:port (missing port)");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return Optional.of("address \"" + text + "\" has a '[' without matching ']'");
            }
        } else if (host.contains(":")) {
            return Optional.of("address \"" + text + "\" has too many colons (write IPv6 hosts as [addr]:port)");
        } else if (host.contains("[") || host.contains("]")) {
            return Optional.of("address \"" + text + "\" has unexpected '[' or ']'");
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) > 65535) {
            return Optional.of("address \"" + text + "\" must end with a port number 0-65535");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
