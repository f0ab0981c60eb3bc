package io.zreplcamel.config.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpClientsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"192.168.122.123, true", "0.0.0.0, true", "255.255.255.255, true", "256.1.1.1, false",
            "1.2.3, false", "01.2.3.4, false", "a.b.c.d, false", "::1, false"})
    void ipv4(String text, boolean valid) {
        assertThat(IpLiterals.isIpv4(text)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"::, true", "::1, true", "2001:0db8:85a3::8a2e:0370:7334, true", "fde4:8dba:82e1::, true",
            "1:2:3:4:5:6:7:8, true", "::ffff:10.0.0.1, true", "1:2:3:4:5:6:7, false", "1:2:3:4:5:6:7:8:9, false",
            "1::2::3, false", "12345::1, false", "g::1, false", "1.2.3.4, false", "1:2:3:4:5:6:7::, true"})
    void ipv6(String text, boolean valid) {
        assertThat(IpLiterals.isIpv6(text)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "192.168.122.123|mysql01|",
            "2001:0db8:85a3::8a2e:0370:7334|gateway|",
            "10.23.42.0/24|cluster-*|",
            "fde4:8dba:82e1::/64|san-*|",
            "fe80::1%eth0|linklocal|",
            "fe80::/64%eth0|ll-*|",
            "10.0.0.1%|x|empty zone",
            "10.0.0.0/8|x|exactly one '*'",
            "10.0.0.0/8|*-*|exactly one '*'",
            "10.0.0.1|x-*|must not contain the '*'",
            "10.0.0.0/40|x-*|prefix length \"40\"",
            "host.example|x|not an IP address or CIDR",
            "10.0.0.0/8|a/*|with an IP filled in must only contain",
            "10.0.0.1|..|must not be \"..\"",
    })
    void clientEntries(String address, String identity, String problem) {
        String actual = TransportSection.clientProblem(address, identity);
        if (problem == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).contains(problem);
        }
    }
}
