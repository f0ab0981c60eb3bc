package io.zreplcamel.config.parse;

import java.util.ArrayList;
import java.util.List;
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
        List<String> groups = new ArrayList<>();
        if (doubleColon >= 0) {
            String head = s.substring(0, doubleColon);
            String tail = s.substring(doubleColon + 2);
            groups.addAll(head.isEmpty() ? List.of() : List.of(head.split(":", -1)));
            groups.addAll(tail.isEmpty() ? List.of() : List.of(tail.split(":", -1)));
        } else {
            groups.addAll(List.of(s.split(":", -1)));
        }
        int width = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.contains(".")) {
                if (!isIpv4(g)) {
                    return false;
                }
                width += 2; // an embedded IPv4 address fills two groups
            } else if (HEX_GROUP.matcher(g).matches()) {
                width++;
            } else {
                return false;
            }
        }
        return doubleColon >= 0 ? width < 8 : width == 8;
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
}
