package io.zreplcamel.transport.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA for tests, made fresh in a directory (no certificate or key is checked in): issues certificates
 * for client and server CNs and writes them, and their keys in the format asked for, as PEM files the way OpenSSL
 * writes them. BouncyCastle is used only here (test scope); the code under test reads the files with the JDK alone.
 */
public final class TestPki {

    /** How a key file is written. */
    public enum KeyFormat {
        /** {@code PRIVATE KEY}, EC P-256. */
        PKCS8_EC,
        /** {@code PRIVATE KEY}, RSA 2048. */
        PKCS8_RSA,
        /** {@code RSA PRIVATE KEY} (what {@code openssl genrsa -traditional} writes). */
        PKCS1_RSA,
        /** {@code EC PRIVATE KEY} with the curve and public key (what {@code openssl ecparam -genkey} writes). */
        SEC1_EC,
        /** {@code PRIVATE KEY}, Ed25519. */
        PKCS8_ED25519
    }

    /** An issued certificate's files. */
    public record Issued(Path cert, Path key, X509Certificate certificate) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final Path caFile;

    private TestPki(Path dir, String name, KeyPair caKeys, X509Certificate caCert, Path caFile) {
        this.dir = dir;
        this.name = name;
        this.caKeys = caKeys;
        this.caCert = caCert;
        this.caFile = caFile;
    }

    /** A new self-signed CA {@code CN=<name>}; its certificate is written to {@code <dir>/<name>-ca.crt}. */
    public static TestPki newCa(Path dir, String name) {
        try {
            KeyPair keys = keyPair(KeyFormat.PKCS8_EC);
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(), notBefore(),
                    notAfter(Duration.ofDays(3650)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = sign(b, keys.getPrivate());
            Path file = dir.resolve(name + "-ca.crt");
            Files.writeString(file, pem("CERTIFICATE", cert.getEncoded()));
            return new TestPki(dir, name, keys, cert, file);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test CA: " + e, e);
        }
    }

    public Path caFile() {
        return caFile;
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** A certificate for {@code cn} with DNS SANs {@code dnsNames} (none: no SAN extension), EC P-256, PKCS#8. */
    public Issued issue(String cn, String... dnsNames) {
        return issue(cn, List.of(dnsNames), KeyFormat.PKCS8_EC, Duration.ofDays(30));
    }

    public Issued issue(String cn, List<String> dnsNames, KeyFormat format) {
        return issue(cn, dnsNames, format, Duration.ofDays(30));
    }

    /** @param validFor negative: a certificate that expired that long ago */
    public Issued issue(String cn, List<String> dnsNames, KeyFormat format, Duration validFor) {
        try {
            KeyPair keys = keyPair(format);
            Date from = validFor.isNegative() ? Date.from(Instant.now().plus(validFor).minus(Duration.ofDays(1)))
                    : notBefore();
            Date to = validFor.isNegative() ? Date.from(Instant.now().plus(validFor)) : notAfter(validFor);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(), from, to,
                    new X500Name("CN=" + cn), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (!dnsNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String n : dnsNames) {
                    names.add(n.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n));
                }
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate cert = sign(b, caKeys.getPrivate());
            String base = name + "-" + cn.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + SERIAL.incrementAndGet();
            Path certFile = dir.resolve(base + ".crt");
            Path keyFile = dir.resolve(base + ".key");
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyFile, keyPem(keys, format));
            return new Issued(certFile, keyFile, cert);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate: " + e, e);
        }
    }

    /** The PEM text of a key in a format (for tests that write key files themselves). */
    public static String keyPem(KeyPair keys, KeyFormat format) throws IOException {
        PrivateKey key = keys.getPrivate();
        switch (format) {
            case PKCS8_EC:
            case PKCS8_RSA:
            case PKCS8_ED25519:
                return pem("PRIVATE KEY", key.getEncoded());
            case PKCS1_RSA:
                return pem("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()
                        .toASN1Primitive().getEncoded("DER"));
            case SEC1_EC: {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                DERBitString publicKey = new DERBitString(SubjectPublicKeyInfo.getInstance(keys.getPublic()
                        .getEncoded()).getPublicKeyData().getBytes());
                ECPrivateKey ec = (ECPrivateKey) key;
                return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(
                        ec.getParams().getOrder().bitLength(), ec.getS(), publicKey, curve).getEncoded("DER"));
            }
            default:
                throw new AssertionError(format);
        }
    }

    public static KeyPair keyPair(KeyFormat format) throws GeneralSecurityException {
        if (format == KeyFormat.PKCS8_RSA || format == KeyFormat.PKCS1_RSA) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        if (format == KeyFormat.PKCS8_ED25519) {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm)
                .build(signer)));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter(Duration validFor) {
        return Date.from(Instant.now().plus(validFor));
    }

    /** Writes {@code text} to a new file in the CA's directory (for broken-file tests). */
    public Path write(String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
