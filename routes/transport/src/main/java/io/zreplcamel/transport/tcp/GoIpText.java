package io.zreplcamel.transport.tcp;

/**
 * An IP address as Go's {@code net.IP.String()} writes it, which is what zrepl puts into a CIDR client's identity:
 * IPv4 (and IPv4-mapped IPv6) dotted, other IPv6 as lower-case hex groups without leading zeros and the longest run
 * of two or more zero groups (the leftmost of equal runs) as {@code ::}. Java's own form differs
 * ({@code fe80:0:0:0:0:0:0:1}), so identities, and the client roots named after them, would differ from zrepl's.
 */
final class GoIpText {

    private GoIpText() {
    }

    static String format(byte[] ip) {
        if (ip.length == 4) {
            return dotted(ip, 0);
        }
        if (ip.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + ip.length);
        }
        boolean mapped = ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = ip[i] == 0;
        }
        if (mapped) {
            return dotted(ip, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i >= 2 && j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static String dotted(byte[] ip, int from) {
        return (ip[from] & 0xff) + "." + (ip[from + 1] & 0xff) + "." + (ip[from + 2] & 0xff) + "." + (ip[from + 3] & 0xff);
    }
}
