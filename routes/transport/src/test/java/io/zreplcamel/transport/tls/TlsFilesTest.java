package io.zreplcamel.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading the PEM files of a tls transport: every key format, and errors that name the file and the problem. */
class TlsFilesTest {

    @TempDir
    Path dir;
    TestPki pki;

    @BeforeEach
    void setUp() {
        pki = TestPki.newCa(dir, "ca");
    }

    /** The key read from the file must make signatures that the certificate's public key verifies. */
    private static void assertSignsFor(PrivateKey key, java.security.PublicKey pub) throws Exception {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestPki.KeyFormat.class)
    void everyKeyFormatLoadsAndMatchesItsCertificate(TestPki.KeyFormat format) throws Exception {
        TestPki.Issued issued = pki.issue("client1", List.of(), format);
        String label = Files.readString(issued.key()).lines().findFirst().orElseThrow();
        assertThat(label).isEqualTo(switch (format) {
            case PKCS8_EC, PKCS8_RSA, PKCS8_ED25519 -> "-----BEGIN PRIVATE KEY-----";
            case PKCS1_RSA -> "-----BEGIN RSA PRIVATE KEY-----";
            case SEC1_EC -> "-----BEGIN EC PRIVATE KEY-----";
        });

        TlsCredentials c = TlsCredentials.load(pki.caFile(), issued.cert(), issued.key());

        assertThat(c.key().getAlgorithm()).isEqualTo(format.name().endsWith("RSA") ? "RSA"
                : format.name().endsWith("EC") ? "EC" : "EdDSA");
        assertThat(c.key().getFormat()).isEqualTo("PKCS#8");
        assertSignsFor(c.key(), issued.certificate().getPublicKey());
        assertThat(c.chain()).containsExactly(issued.certificate());
        assertThat(c.ca()).containsExactly(pki.caCertificate());
    }

    @Test
    void traditionalKeysBecomeTheSamePkcs8AsJavaWrites() throws Exception {
        KeyPair rsa = TestPki.keyPair(TestPki.KeyFormat.PKCS1_RSA);
        Path pkcs1 = pki.write("rsa.key", TestPki.keyPem(rsa, TestPki.KeyFormat.PKCS1_RSA));
        assertThat(PrivateKeys.read(pkcs1).getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());

        KeyPair ec = TestPki.keyPair(TestPki.KeyFormat.SEC1_EC);
        Path sec1 = pki.write("ec.key", TestPki.keyPem(ec, TestPki.KeyFormat.SEC1_EC));
        assertThat(((java.security.interfaces.ECPrivateKey) PrivateKeys.read(sec1)).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void keysAndCertificatesWrittenByOpensslLoad() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path rsaKey = dir.resolve("o-rsa.key");
        Path ecKey = dir.resolve("o-ec.key");
        openssl("genrsa", "-traditional", "-out", rsaKey.toString(), "2048");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", ecKey.toString()); // EC PARAMETERS + key
        assertThat(Files.readString(rsaKey)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(ecKey)).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        for (Path key : List.of(rsaKey, ecKey)) {
            Path cert = dir.resolve(key.getFileName() + ".crt");
            openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=o", "-days", "2", "-out",
                    cert.toString());
            TlsCredentials c = TlsCredentials.load(cert, cert, key);
            assertSignsFor(c.key(), c.chain().get(0).getPublicKey());
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    private TestPki.Issued issued() {
        return pki.issue("client1");
    }

    private void assertLoadFails(Path ca, Path cert, Path key, Path blamed, String... problem) {
        assertThatThrownBy(() -> TlsCredentials.load(ca, cert, key)).isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith(blamed + ": ").hasMessageContainingAll(problem);
    }

    @Test
    void aMissingFileIsNamed() {
        TestPki.Issued i = issued();
        Path missing = dir.resolve("nope.crt");
        assertLoadFails(missing, i.cert(), i.key(), missing, "no such file");
        assertLoadFails(pki.caFile(), i.cert(), missing, missing, "no such file");
    }

    @Test
    void aFileWithoutPemIsRefused() {
        TestPki.Issued i = issued();
        Path garbage = pki.write("garbage.crt", "this is not a certificate\n");
        assertLoadFails(garbage, i.cert(), i.key(), garbage, "no PEM data", "BEGIN CERTIFICATE");
        assertLoadFails(pki.caFile(), i.cert(), garbage, garbage, "no PEM data", "BEGIN PRIVATE KEY");
    }

    @Test
    void aCertificateFileWithOnlyAKeyAndAKeyFileWithOnlyACertificateAreRefused() {
        TestPki.Issued i = issued();
        assertLoadFails(pki.caFile(), i.key(), i.key(), i.key(), "no CERTIFICATE among its PEM blocks (PRIVATE KEY)");
        assertLoadFails(pki.caFile(), i.cert(), i.cert(), i.cert(),
                "no private key among its PEM blocks (CERTIFICATE)");
    }

    @Test
    void badBase64AndACutBlockAreRefusedWithTheirLine() throws Exception {
        TestPki.Issued i = issued();
        Path badBase64 = pki.write("b64.crt", "comment\n-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n"
                + "-----END CERTIFICATE-----\n");
        assertLoadFails(badBase64, i.cert(), i.key(), badBase64, "PEM block \"CERTIFICATE\" (line 2)",
                "not valid base64");
        String pem = Files.readString(i.key());
        Path cut = pki.write("cut.key", pem.substring(0, pem.indexOf("-----END")));
        assertLoadFails(pki.caFile(), i.cert(), cut, cut, "PEM block \"PRIVATE KEY\" (line 1) has no END line");
    }

    @Test
    void aCertificateThatDoesNotParseIsRefused() {
        TestPki.Issued i = issued();
        Path notX509 = pki.write("junk.crt", TestPki.pem("CERTIFICATE", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
        assertLoadFails(pki.caFile(), notX509, i.key(), notX509, "CERTIFICATE block at line 1",
                "is not an X.509 certificate");
    }

    @Test
    void malformedTraditionalKeysAreRefused() throws Exception {
        TestPki.Issued i = issued();
        Path rsa = pki.write("bad-rsa.key", TestPki.pem("RSA PRIVATE KEY", new byte[] {0x30, 0x05, 0x02, 0x01}));
        assertLoadFails(pki.caFile(), i.cert(), rsa, rsa, "RSA PRIVATE KEY (line 1) is malformed");

        // a SEC1 key without its curve: take a real one and drop the [0] parameters and [1] public key
        KeyPair ec = TestPki.keyPair(TestPki.KeyFormat.SEC1_EC);
        String sec1Pem = TestPki.keyPem(ec, TestPki.KeyFormat.SEC1_EC);
        byte[] sec1 = Base64.getMimeDecoder().decode(sec1Pem.replaceAll("-----[A-Z ]+-----", ""));
        Der.Reader fields = Der.single(sec1).children();
        byte[] version = Der.encode(fields.next());
        byte[] d = Der.encode(fields.next());
        byte[] noCurve = Der.encode(Der.SEQUENCE, version, d);
        Path bare = pki.write("bare-ec.key", TestPki.pem("EC PRIVATE KEY", noCurve));
        assertLoadFails(pki.caFile(), i.cert(), bare, bare, "does not name its curve");

        Path truncated = pki.write("trunc-ec.key", TestPki.pem("EC PRIVATE KEY", Arrays.copyOf(sec1,
                sec1.length - 10)));
        assertLoadFails(pki.caFile(), i.cert(), truncated, truncated, "EC PRIVATE KEY (line 1) is malformed",
                "runs past the end");
    }

    @Test
    void encryptedAndUnknownKeysAreRefused() {
        TestPki.Issued i = issued();
        Path pkcs8Encrypted = pki.write("enc.key", TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertLoadFails(pki.caFile(), i.cert(), pkcs8Encrypted, pkcs8Encrypted, "the private key is encrypted");
        Path legacyEncrypted = pki.write("enc2.key", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertLoadFails(pki.caFile(), i.cert(), legacyEncrypted, legacyEncrypted, "the private key is encrypted");
        Path dsa = pki.write("dsa.key", TestPki.pem("DSA PRIVATE KEY", new byte[] {0x30, 0x00}));
        assertLoadFails(pki.caFile(), i.cert(), dsa, dsa, "unsupported key type DSA PRIVATE KEY");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        TestPki.Issued a = pki.issue("a");
        TestPki.Issued b = pki.issue("b");
        assertLoadFails(pki.caFile(), a.cert(), b.key(), b.key(), "does not belong to the certificate in " + a.cert());
        TestPki.Issued rsa = pki.issue("r", List.of(), TestPki.KeyFormat.PKCS1_RSA);
        assertLoadFails(pki.caFile(), a.cert(), rsa.key(), rsa.key(), "is a RSA key, but the certificate in "
                + a.cert() + " has a EC key");
    }

    @Test
    void aCaBundleAndACertificateChainKeepEveryCertificateInOrder() throws Exception {
        TestPki other = TestPki.newCa(dir, "other");
        Path bundle = pki.write("bundle.crt", Files.readString(pki.caFile()) + "text between blocks\n"
                + Files.readString(other.caFile()));
        TestPki.Issued i = issued();
        Path chain = pki.write("chain.crt", Files.readString(i.cert()) + Files.readString(pki.caFile()));
        TlsCredentials c = TlsCredentials.load(bundle, chain, i.key());
        assertThat(c.ca()).containsExactly(pki.caCertificate(), other.caCertificate());
        assertThat(c.chain()).containsExactly(i.certificate(), pki.caCertificate());
    }
}
