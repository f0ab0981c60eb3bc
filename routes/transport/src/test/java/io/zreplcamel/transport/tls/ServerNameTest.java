package io.zreplcamel.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server_cn against a server certificate, as Go's crypto/tls checks a ServerName. */
class ServerNameTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void ca() {
        pki = TestPki.newCa(dir, "ca");
    }

    @Test
    void dnsSansAreMatchedCaseInsensitivelyAndTheCnIsIgnoredWhenThereAreSans() {
        var cert = pki.issue("ignored.example", "backup.example", "Other.Example").certificate();
        assertThat(ServerName.problem(cert, "backup.example")).isEmpty();
        assertThat(ServerName.problem(cert, "BACKUP.example.")).isEmpty();
        assertThat(ServerName.problem(cert, "other.example")).isEmpty();
        assertThat(ServerName.problem(cert, "ignored.example")).hasValueSatisfying(p -> assertThat(p)
                .contains("valid for [backup.example, Other.Example], not for ignored.example"));
    }

    @Test
    void aWildcardStandsForExactlyOneLeftmostLabel() {
        var cert = pki.issue("w", "*.backup.example").certificate();
        assertThat(ServerName.problem(cert, "a.backup.example")).isEmpty();
        assertThat(ServerName.problem(cert, "backup.example")).isPresent();
        assertThat(ServerName.problem(cert, "a.b.backup.example")).isPresent();
        assertThat(ServerName.dnsMatches("*.example", ".example")).isFalse();
    }

    @Test
    void anIpServerCnIsMatchedAgainstIpSansOnly() {
        var cert = pki.issue("10.0.0.1", "10.0.0.1", "::1", "host.example").certificate();
        assertThat(ServerName.problem(cert, "10.0.0.1")).isEmpty();
        assertThat(ServerName.problem(cert, "0:0:0:0:0:0:0:1")).isEmpty();
        assertThat(ServerName.problem(cert, "10.0.0.2")).hasValueSatisfying(p -> assertThat(p)
                .contains("not valid for IP address 10.0.0.2"));
        var dnsOnly = pki.issue("10.0.0.1", "host.example").certificate();
        assertThat(ServerName.problem(dnsOnly, "10.0.0.1")).hasValueSatisfying(p -> assertThat(p)
                .contains("no IP subject alternative names"));
    }

    @Test
    void theCnCountsOnlyWithoutAnySan() {
        var cnOnly = pki.issue("backup.example").certificate();
        assertThat(ServerName.problem(cnOnly, "backup.example")).isEmpty();
        assertThat(ServerName.problem(cnOnly, "Backup.Example")).isEmpty();
        assertThat(ServerName.problem(cnOnly, "prod.example")).hasValueSatisfying(p -> assertThat(p)
                .contains("common name is \"backup.example\""));
        var ipSanOnly = pki.issue("backup.example", List.of("192.0.2.1"), TestPki.KeyFormat.PKCS8_EC)
                .certificate();
        assertThat(ServerName.problem(ipSanOnly, "backup.example")).hasValueSatisfying(p -> assertThat(p)
                .contains("no DNS subject alternative names"));
    }

    @Test
    void theCommonNameIsTheLastCnOfTheSubject() {
        assertThat(CommonName.of(pki.issue("client1").certificate())).hasValue("client1");
    }
}
