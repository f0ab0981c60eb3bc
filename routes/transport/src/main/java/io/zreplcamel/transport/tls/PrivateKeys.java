package io.zreplcamel.transport.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Reads the private key of a PEM file in the three forms OpenSSL and Go write: PKCS#8 ({@code PRIVATE KEY}),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}). Java's key factories read only PKCS#8,
 * so the two traditional forms are wrapped into a PKCS#8 {@code PrivateKeyInfo} here: the traditional structure is
 * exactly what PKCS#8 carries in its {@code privateKey} octet string, next to an algorithm identifier (for EC the
 * curve, taken from SEC1's parameters). Encrypted keys are refused, as zrepl refuses them.
 */
final class PrivateKeys {

    static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    static final String ED25519 = "1.3.101.112";
    static final String ED448 = "1.3.101.113";

    /** PKCS#8 algorithm OIDs → Java key factory names. */
    private static final Map<String, String> ALGORITHMS = Map.of(RSA_ENCRYPTION, "RSA", RSASSA_PSS, "RSASSA-PSS",
            EC_PUBLIC_KEY, "EC", ED25519, "Ed25519", ED448, "Ed448");

    private PrivateKeys() {
    }

    static PrivateKey read(Path file) {
        List<PemFile.Block> blocks = PemFile.read(file);
        for (PemFile.Block b : blocks) {
            if (b.label().endsWith("PRIVATE KEY")) {
                return decode(file, b);
            }
        }
        throw new TlsFileException(file, blocks.isEmpty() ? "no PEM data (expected a -----BEGIN PRIVATE KEY----- block)"
                : "no private key among its PEM blocks (" + String.join(", ", blocks.stream().map(PemFile.Block::label)
                .toList()) + ")");
    }

    private static PrivateKey decode(Path file, PemFile.Block block) {
        String encrypted = block.headers().getOrDefault("Proc-Type", "");
        if (block.label().equals("ENCRYPTED PRIVATE KEY") || encrypted.contains("ENCRYPTED")) {
            throw new TlsFileException(file, "the private key is encrypted; zrepl-camel needs it unencrypted "
                    + "(e.g. openssl pkey -in " + file.getFileName() + " -out plain.key)");
        }
        String where = block.label() + " (line " + block.line() + ")";
        try {
            switch (block.label()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(fromPkcs1(block.der()));
                case "EC PRIVATE KEY":
                    return pkcs8(fromSec1(block.der()));
                default:
                    throw new TlsFileException(file, "unsupported key type " + where
                            + "; supported are PRIVATE KEY (PKCS#8), RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1)");
            }
        } catch (Der.MalformedException e) {
            throw new TlsFileException(file, where + " is malformed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(file, where + " is not a valid private key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws Der.MalformedException, GeneralSecurityException {
        String algorithm = ALGORITHMS.get(algorithmOid(der));
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported key algorithm " + algorithmOid(der)
                    + " (supported: RSA, EC, Ed25519, Ed448)");
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The algorithm OID of a PKCS#8 {@code PrivateKeyInfo} (or RFC 5958 {@code OneAsymmetricKey}). */
    static String algorithmOid(byte[] pkcs8) throws Der.MalformedException {
        Der.Reader info = Der.single(pkcs8).children();
        info.next(Der.INTEGER, "PKCS#8 version");
        Der.Reader algorithm = info.next(Der.SEQUENCE, "PKCS#8 algorithm identifier").children();
        return Der.oidText(algorithm.next(Der.OBJECT_IDENTIFIER, "PKCS#8 algorithm").content());
    }

    /** {@code PrivateKeyInfo{0, {rsaEncryption, NULL}, OCTET STRING(RSAPrivateKey)}}. */
    static byte[] fromPkcs1(byte[] rsaPrivateKey) throws Der.MalformedException {
        Der.Item key = Der.single(rsaPrivateKey);
        if (key.tag() != Der.SEQUENCE) {
            throw new Der.MalformedException("an RSAPrivateKey must be a SEQUENCE");
        }
        key.children().next(Der.INTEGER, "RSAPrivateKey version");
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OBJECT_IDENTIFIER, Der.oidContent(RSA_ENCRYPTION)),
                Der.encode(Der.NULL));
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm,
                Der.encode(Der.OCTET_STRING, rsaPrivateKey));
    }

    /**
     * {@code PrivateKeyInfo{0, {id-ecPublicKey, namedCurve}, OCTET STRING(ECPrivateKey)}}, the curve from SEC1's
     * {@code [0] parameters} (RFC 5915), which OpenSSL always writes.
     */
    static byte[] fromSec1(byte[] ecPrivateKey) throws Der.MalformedException {
        Der.Item key = Der.single(ecPrivateKey);
        if (key.tag() != Der.SEQUENCE) {
            throw new Der.MalformedException("an ECPrivateKey must be a SEQUENCE");
        }
        Der.Reader fields = key.children();
        byte[] version = fields.next(Der.INTEGER, "ECPrivateKey version").content();
        if (version.length != 1 || version[0] != 1) {
            throw new Der.MalformedException("ECPrivateKey version must be 1");
        }
        fields.next(Der.OCTET_STRING, "ECPrivateKey privateKey");
        byte[] curve = null;
        while (fields.hasMore()) {
            Der.Item item = fields.next();
            if (item.tag() == Der.CONTEXT_0) {
                Der.Item parameters = Der.single(item.content());
                if (parameters.tag() != Der.OBJECT_IDENTIFIER) {
                    throw new Der.MalformedException("the EC key has explicit curve parameters; only named curves "
                            + "are supported (openssl ec -param_enc named_curve)");
                }
                curve = parameters.content();
            }
        }
        if (curve == null) {
            throw new Der.MalformedException("the EC key does not name its curve (no parameters); write it as "
                    + "PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] algorithm = Der.encode(Der.SEQUENCE, Der.encode(Der.OBJECT_IDENTIFIER, Der.oidContent(EC_PUBLIC_KEY)),
                Der.encode(Der.OBJECT_IDENTIFIER, curve));
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithm,
                Der.encode(Der.OCTET_STRING, ecPrivateKey));
    }
}
