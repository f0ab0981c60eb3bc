package io.zreplcamel.transport.tcp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tcp serve's {@code clients} map (zrepl-reference §12.1): keys are IP addresses or CIDR networks, each with an
 * optional {@code %zone}; values are identities. A CIDR's identity holds exactly one {@code *}, replaced by the
 * client's IP in Go's canonical text form ({@code <ip>-<zone>} when zoned), so identities stay the same as zrepl's
 * and a sink's client roots keep their names after a migration.
 *
 * <p>All addresses are kept in 16-byte form (IPv4 as IPv4-mapped IPv6, its prefix plus 96), so an IPv4 client seen
 * through a dual-stack socket matches its IPv4 key. The most specific entry wins: entries are tried longest prefix
 * first, then by address bytes, then by zone; a zone must match exactly (no zone matches only unzoned clients).
 * No host names are resolved, ever.
 */
public final class ClientMap implements ClientIdentifier {

    private record Entry(byte[] network, int prefix, String zone, String identity, String key) {

        boolean matches(byte[] ip, String clientZone) {
            if (!zone.equals(clientZone)) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (network[i] != ip[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (network[full] & mask) == (ip[full] & mask);
        }

        boolean isNetwork() {
            return identity.indexOf('*') >= 0;
        }
    }

    private static final Comparator<Entry> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Entry e) -> -e.prefix())
            .thenComparing(Entry::network, Arrays::compareUnsigned)
            .thenComparing(Entry::zone);

    private final List<Entry> entries;

    private ClientMap(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the map as the config holds it. The config loader has already checked each identity against the
     * dataset-name rules; this checks the structure again (a bad key is an {@link IllegalArgumentException} naming
     * it) and refuses two keys that denote the same network and zone.
     */
    public static ClientMap parse(Map<String, String> clients) {
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        clients.forEach((key, identity) -> {
            Entry e = entry(key, identity);
            if (!seen.add(Arrays.toString(e.network()) + "/" + e.prefix() + "%" + e.zone())) {
                throw new IllegalArgumentException("clients key \"" + key + "\" denotes a network that another key"
                        + " already lists");
            }
            out.add(e);
        });
        out.sort(MOST_SPECIFIC_FIRST);
        return new ClientMap(out);
    }

    private static Entry entry(String key, String identity) {
        String rest = key;
        String zone = "";
        int percent = key.indexOf('%');
        if (percent >= 0) {
            rest = key.substring(0, percent);
            zone = key.substring(percent + 1);
            if (zone.isEmpty()) {
                throw new IllegalArgumentException("clients key \"" + key + "\": empty zone after '%'");
            }
        }
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("clients key \"" + key + "\": empty identity");
        }
        long stars = identity.chars().filter(c -> c == '*').count();
        int slash = rest.indexOf('/');
        if (slash < 0) {
            if (stars != 0) {
                throw new IllegalArgumentException("clients key \"" + key + "\" is a single IP, so its identity \""
                        + identity + "\" must not contain '*'");
            }
            byte[] ip = sixteen(literal(key, rest));
            return new Entry(ip, 128, zone, identity, key);
        }
        if (stars != 1) {
            throw new IllegalArgumentException("clients key \"" + key + "\" is a CIDR, so its identity \"" + identity
                    + "\" must contain exactly one '*'");
        }
        String ipText = rest.substring(0, slash);
        String bitsText = rest.substring(slash + 1);
        InetAddress ip = literal(key, ipText);
        int bits;
        try {
            bits = Integer.parseInt(bitsText);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("clients key \"" + key + "\": prefix length \"" + bitsText
                    + "\" is not a number");
        }
        boolean v4 = ip.getAddress().length == 4;
        int max = v4 ? 32 : 128;
        if (bits < 0 || bits > max || !bitsText.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("clients key \"" + key + "\": prefix length " + bitsText
                    + " is outside 0.." + max);
        }
        int prefix = v4 ? bits + 96 : bits;
        return new Entry(masked(sixteen(ip), prefix), prefix, zone, identity, key);
    }

    private static InetAddress literal(String key, String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("clients key \"" + key + "\": \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("clients key \"" + key + "\": \"" + text + "\" is not an IP address",
                    e);
        }
    }

    static byte[] sixteen(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 16) {
            return b;
        }
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(b, 0, out, 12, 4);
        return out;
    }

    private static byte[] masked(byte[] ip, int prefix) {
        byte[] out = ip.clone();
        for (int bit = prefix; bit < 128; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    @Override
    public Optional<String> identify(InetSocketAddress client) {
        InetAddress address = client.getAddress();
        if (address == null) {
            return Optional.empty();
        }
        return identify(sixteen(address), zoneOf(address));
    }

    /** The identity for a client at {@code ip} (16 bytes) with {@code zone} ("" when none), if any entry matches. */
    public Optional<String> identify(byte[] ip, String zone) {
        for (Entry e : entries) {
            if (e.matches(ip, zone)) {
                if (!e.isNetwork()) {
                    return Optional.of(e.identity());
                }
                String text = GoIpText.format(ip) + (zone.isEmpty() ? "" : "-" + zone);
                return Optional.of(e.identity().replace("*", text));
            }
        }
        return Optional.empty();
    }

    /** The zone of a link-local IPv6 client as an interface name (Go's form), "" for everything else. */
    private static String zoneOf(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return "";
        }
        NetworkInterface nif = v6.getScopedInterface();
        if (nif != null) {
            return nif.getName();
        }
        int scope = v6.getScopeId();
        if (scope == 0) {
            return "";
        }
        try {
            NetworkInterface byIndex = NetworkInterface.getByIndex(scope);
            return byIndex != null ? byIndex.getName() : Integer.toString(scope);
        } catch (SocketException e) {
            return Integer.toString(scope);
        }
    }
}
