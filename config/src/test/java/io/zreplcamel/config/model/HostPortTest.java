package io.zreplcamel.config.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.transport.HostPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "backup.example.com:8888|backup.example.com|8888",
            ":8888||8888",
            "0.0.0.0:1|0.0.0.0|1",
            "[::1]:8888|::1|8888",
            "[2001:db8::1]:514|2001:db8::1|514",
    })
    void parsesAndPrintsBack(String text, String host, int port) {
        HostPort hp = HostPort.parse(text);

        assertThat(hp).isEqualTo(new HostPort(host == null ? "" : host, port));
        assertThat(hp.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "backup|missing port", "backup:|port number", "backup:http|port number", "backup:65536|port number",
            "::1:8888|too many colons", "[::1:8888|without matching", "a]:1|unexpected",
    })
    void rejects(String text, String problem) {
        assertThat(HostPort.problem(text)).hasValueSatisfying(p -> assertThat(p).contains(problem));
    }
}
