package io.zreplcamel.config.parse;

import java.util.regex.Pattern;

/** Syntax checks for IP literals and CIDRs, without name resolution (Go's {@code net.ParseIP}/{@code ParseCIDR}). */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern HEX_GROUP = Pattern.compile("^[0-9a-fA-F]{1,4}$");

    private IpLiterals() {
    }

    static boolean isIpv4(String s) {
        var m = IPV4.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            String part = m.group(i);
            if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (!s.contains(":")) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int groups = 0;
        String[] parts = (head + (tail.isEmpty() ? "" : ":" + tail)).split(":", -1);
        if (doubleColon >= 0 && head.isEmpty() && tail.isEmpty()) {
            return true; // "::"
        }
        if (doubleColon >= 0) {
            parts = concat(head.isEmpty() ? new String[0] : head.split(":", -1),
                    tail.isEmpty() ? new String[0] : tail.split(":", -1));
        }
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".")) {
                if (!isIpv4(p)) {
                    return false;
                }
                groups += 2;
            } else if (HEX_GROUP.matcher(p).matches()) {
                groups++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    /** Problem with {@code cidr} ({@code addr/bits}), or null. */
    static String cidrProblem(String cidr) {
        int slash = cidr.indexOf('/');
        String addr = cidr.substring(0, slash);
        String bits = cidr.substring(slash + 1);
        int max;
        if (isIpv4(addr)) {
            max = 32;
        } else if (isIpv6(addr)) {
            max = 128;
        } else {
            return "\"" + addr + "\" is not an IP address";
        }
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || Integer.parseInt(bits) > max) {
            return "prefix length \"" + bits + "\" must be a number 0-" + max;
        }
        return null;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
