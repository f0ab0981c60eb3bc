package io.zreplcamel.transport.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks {@code server_cn} against the server's (already CA-verified) certificate the way Go's crypto/tls checks a
 * {@code ServerName}: a DNS name is matched against the certificate's DNS subject alternative names (a leading
 * {@code *.} matches exactly one label), an IP address against its IP SANs. The subject CN counts only for a
 * certificate without any SAN, as older Go and zrepl setups made with {@code -subj /CN=...} and no extensions rely on.
 */
final class ServerName {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private ServerName() {
    }

    /** Why the certificate is not for {@code expected}, or empty when it is. */
    static Optional<String> problem(X509Certificate cert, String expected) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.of("its subject alternative names do not parse: " + e.getMessage());
        }
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == SAN_DNS) {
                    dns.add((String) san.get(1));
                } else if (type == SAN_IP) {
                    ips.add((String) san.get(1));
                }
            }
        }
        Optional<InetAddress> ip = ipLiteral(expected);
        if (ip.isPresent()) {
            for (String candidate : ips) {
                if (ipLiteral(candidate).equals(ip)) {
                    return Optional.empty();
                }
            }
            return Optional.of("it is not valid for IP address " + expected + (ips.isEmpty()
                    ? " (it has no IP subject alternative names)" : " (its IP SANs are " + ips + ")"));
        }
        if (!dns.isEmpty()) {
            for (String candidate : dns) {
                if (dnsMatches(candidate, expected)) {
                    return Optional.empty();
                }
            }
            return Optional.of("it is valid for " + dns + ", not for " + expected);
        }
        if (sans != null && !sans.isEmpty()) {
            return Optional.of("it has no DNS subject alternative names, so it is not valid for " + expected);
        }
        Optional<String> cn = CommonName.of(cert);
        if (cn.isPresent() && cn.get().equalsIgnoreCase(expected)) {
            return Optional.empty();
        }
        return Optional.of("its common name is " + cn.map(c -> "\"" + c + "\"").orElse("missing") + " (and it has "
                + "no subject alternative names), not \"" + expected + "\"");
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = trimDot(pattern).toLowerCase(Locale.ROOT);
        String h = trimDot(host).toLowerCase(Locale.ROOT);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            // the wildcard stands for one whole, non-empty leftmost label
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** An IPv4 or IPv6 literal, never a DNS lookup. */
    static Optional<InetAddress> ipLiteral(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(t.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
