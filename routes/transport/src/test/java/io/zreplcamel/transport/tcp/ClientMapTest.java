package io.zreplcamel.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ClientMapTest {

    private static Optional<String> who(ClientMap map, String ip) throws Exception {
        return map.identify(new InetSocketAddress(InetAddress.getByName(ip), 4711));
    }

    @Test
    void aSingleIpIsItsIdentityAndOthersAreUnknown() throws Exception {
        ClientMap map = ClientMap.parse(Map.of("192.0.2.1", "alice", "2001:db8::7", "bob"));

        assertThat(who(map, "192.0.2.1")).contains("alice");
        assertThat(who(map, "2001:db8:0:0:0:0:0:7")).contains("bob");
        assertThat(who(map, "192.0.2.2")).isEmpty();
        assertThat(who(map, "2001:db8::8")).isEmpty();
    }

    @Test
    void anIpv4ClientSeenThroughADualStackSocketIsTheSameClient() throws Exception {
        ClientMap map = ClientMap.parse(Map.of("192.0.2.1", "alice", "10.0.0.0/8", "net-*"));

        assertThat(map.identify(ClientMap.sixteen(InetAddress.getByName("192.0.2.1")), "")).contains("alice");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 9;
        assertThat(map.identify(mapped, "")).contains("net-10.0.0.9");
    }

    @Test
    void aCidrSubstitutesTheClientIpInGosTextForm() throws Exception {
        ClientMap map = ClientMap.parse(Map.of("192.0.2.0/24", "lan-*", "2001:db8::/32", "v6-*",
                "fe80::/64%eth0", "ll-*"));

        assertThat(who(map, "192.0.2.77")).contains("lan-192.0.2.77");
        assertThat(who(map, "2001:db8:0:0:1:0:0:1")).contains("v6-2001:db8::1:0:0:1");
        assertThat(who(map, "2001:0db8:00ab:0:0:0:0:0")).contains("v6-2001:db8:ab::");
        assertThat(who(map, "2001:db8:0:0:1:0:0:0")).as("the longer run is compressed")
                .contains("v6-2001:db8:0:0:1::");
        assertThat(who(map, "2001:db8:0:1:0:0:1:1")).as("a single zero group is never compressed")
                .contains("v6-2001:db8:0:1::1:1");
        assertThat(map.identify(ClientMap.sixteen(InetAddress.getByName("fe80::1")), "eth0")).contains("ll-fe80::1-eth0");
    }

    @Test
    void theLongestPrefixWinsWhateverTheOrderOfTheKeys() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("0.0.0.0/0", "any-*");
        keys.put("10.0.0.0/8", "ten-*");
        keys.put("10.1.0.0/16", "one-*");
        keys.put("10.1.2.3", "host");
        ClientMap map = ClientMap.parse(keys);

        assertThat(who(map, "10.1.2.3")).contains("host");
        assertThat(who(map, "10.1.2.4")).contains("one-10.1.2.4");
        assertThat(who(map, "10.2.0.1")).contains("ten-10.2.0.1");
        assertThat(who(map, "192.0.2.1")).contains("any-192.0.2.1");
        assertThat(who(map, "2001:db8::1")).as("an IPv4 /0 covers IPv4 only").isEmpty();
    }

    @Test
    void aZoneMustMatchExactly() throws Exception {
        ClientMap map = ClientMap.parse(Map.of("fe80::1%eth0", "zoned", "fe80::1", "plain"));
        byte[] ip = ClientMap.sixteen(InetAddress.getByName("fe80::1"));

        assertThat(map.identify(ip, "eth0")).contains("zoned");
        assertThat(map.identify(ip, "")).contains("plain");
        assertThat(map.identify(ip, "eth1")).isEmpty();
    }

    @Test
    void hostBitsOfACidrAreMaskedSoTwoSpellingsOfOneNetworkAreADuplicate() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("10.0.0.0/24", "a-*");
        keys.put("10.0.0.9/24", "b-*");

        assertThatThrownBy(() -> ClientMap.parse(keys)).hasMessageContaining("\"10.0.0.9/24\" denotes a network");
    }

    @Test
    void badKeysAreRefusedNamingTheKey() {
        for (List<String> bad : List.of(List.of("backup.example", "x", "is not an IP address"),
                List.of("10.0.0.0/33", "x-*", "outside 0..32"), List.of("2001:db8::/129", "x-*", "outside 0..128"),
                List.of("10.0.0.0/x", "x-*", "is not a number"), List.of("10.0.0.1", "a*", "must not contain '*'"),
                List.of("10.0.0.0/8", "noStar", "exactly one '*'"), List.of("10.0.0.0/8", "a-*-*", "exactly one"),
                List.of("fe80::1%", "x", "empty zone"), List.of("10.0.0.1", "", "empty identity"))) {
            assertThatThrownBy(() -> ClientMap.parse(Map.of(bad.get(0), bad.get(1))))
                    .as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad.get(0) + "\"").hasMessageContaining(bad.get(2));
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = 2000)
    void goTextRoundTripsAndIsCompressed(@ForAll("addresses") byte[] ip) throws Exception {
        String text = GoIpText.format(ip);

        assertThat(ClientMap.sixteen(InetAddress.getByName(text))).isEqualTo(ip);
        assertThat(text).doesNotContain(":::").matches("[0-9a-f:.]+");
        assertThat(text.indexOf("::")).isEqualTo(text.lastIndexOf("::"));
        assertThat(text.split(":")).noneMatch(g -> g.length() > 1 && g.startsWith("0"));
        if (text.contains(":0:0") || text.startsWith("0:0:")) {
            assertThat(text).as("a run of zero groups stays only when a run at least as long is compressed")
                    .contains("::");
        }
    }

    record Key(String text, byte[] network, int prefix) {
    }

    @Property(tries = 500)
    void theMostSpecificMatchingEntryDecides(@ForAll("keys") List<Key> keys, @ForAll("nearby") byte[] client) {
        Map<String, String> map = new LinkedHashMap<>();
        java.util.Set<String> networks = new java.util.HashSet<>();
        for (Key k : keys) {
            if (networks.add(java.util.Arrays.toString(k.network()) + "/" + k.prefix())) {
                map.put(k.text(), "id" + map.size() + "-*");
            }
        }
        ClientMap clients = ClientMap.parse(map);

        int best = -1;
        String expected = null;
        for (Key k : keys) {
            if (!map.containsKey(k.text())) {
                continue;
            }
            if (covers(k.network(), k.prefix(), client) && k.prefix() > best) {
                best = k.prefix();
                expected = map.get(k.text()).replace("*", GoIpText.format(client));
            }
        }
        assertThat(clients.identify(client, "")).isEqualTo(Optional.ofNullable(expected));
    }

    private static boolean covers(byte[] network, int prefix, byte[] ip) {
        for (int bit = 0; bit < prefix; bit++) {
            int m = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & m) != (ip[bit / 8] & m)) {
                return false;
            }
        }
        return true;
    }

    /** Mostly within 10.0.0.0/16 and 2001:db8::/112, so that keys and clients overlap often. */
    @Provide
    Arbitrary<byte[]> nearby() {
        Arbitrary<byte[]> v4 = Arbitraries.integers().between(0, 0xffff).map(n -> ClientMap.sixteen(ip4(10, 0,
                n >> 8, n & 0xff)));
        Arbitrary<byte[]> v6 = Arbitraries.integers().between(0, 0xffff).map(n -> {
            byte[] b = new byte[16];
            b[0] = 0x20;
            b[1] = 0x01;
            b[2] = 0x0d;
            b[3] = (byte) 0xb8;
            b[14] = (byte) (n >> 8);
            b[15] = (byte) (n & 0xff);
            return b;
        });
        return Arbitraries.oneOf(v4, v6);
    }

    @Provide
    Arbitrary<List<Key>> keys() {
        Arbitrary<Key> key = Combinators.combine(nearby(), Arbitraries.integers().between(0, 128)).as((ip, bits) -> {
            boolean v4 = ip[10] == (byte) 0xff;
            int b = v4 ? Math.min(bits, 32) : bits;
            int prefix = v4 ? b + 96 : b;
            byte[] network = ip.clone();
            for (int bit = prefix; bit < 128; bit++) {
                network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new Key(GoIpText.format(ip) + "/" + b, network, prefix);
        });
        return key.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Key::text);
    }

    @Provide
    Arbitrary<byte[]> addresses() {
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofSize(16);
        // sparse groups give the zero runs that compression is about
        Arbitrary<byte[]> sparse = Arbitraries.integers().between(0, 255).list().ofSize(8).map(groups -> {
            byte[] b = new byte[16];
            for (int g = 0; g < 8; g++) {
                int v = groups.get(g) < 128 ? 0 : groups.get(g);
                b[2 * g + 1] = (byte) v;
            }
            return b;
        });
        return Arbitraries.oneOf(any, sparse, sparse);
    }

    private static InetAddress ip4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
