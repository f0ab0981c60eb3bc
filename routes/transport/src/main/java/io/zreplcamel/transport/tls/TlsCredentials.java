package io.zreplcamel.transport.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What one side of a tls transport holds: the CA certificates it trusts for the peer ({@code ca}), its own
 * certificate chain ({@code cert}) and the matching private key ({@code key}). Loaded once when the job is set up;
 * a file that is missing, unparsable or a key that does not belong to the certificate fails there, naming the file.
 */
public record TlsCredentials(Path caFile, List<X509Certificate> ca, List<X509Certificate> chain, PrivateKey key) {

    public TlsCredentials {
        Objects.requireNonNull(caFile, "caFile");
        ca = List.copyOf(ca);
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
    }

    public static TlsCredentials load(Path ca, Path cert, Path key) {
        List<X509Certificate> trusted = Certificates.read(ca);
        List<X509Certificate> chain = Certificates.read(cert);
        PrivateKey privateKey = PrivateKeys.read(key);
        checkKeyMatches(key, privateKey, cert, chain.get(0).getPublicKey());
        return new TlsCredentials(ca, trusted, chain, privateKey);
    }

    /**
     * Signs a random challenge with the key and verifies it with the certificate's public key, which works the same
     * for every algorithm (Go's {@code LoadX509KeyPair} makes the same check by comparing the public halves).
     */
    private static void checkKeyMatches(Path keyFile, PrivateKey key, Path certFile, PublicKey certKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return; // RSASSA-PSS keys need parameters to sign with; the TLS handshake checks them
        }
        if (!key.getAlgorithm().equals(certKey.getAlgorithm()) && !algorithm.startsWith("Ed")) {
            throw new TlsFileException(keyFile, "is a " + key.getAlgorithm() + " key, but the certificate in "
                    + certFile + " has a " + certKey.getAlgorithm() + " key");
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certKey);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new TlsFileException(keyFile, "does not belong to the certificate in " + certFile
                        + " (the public keys differ)");
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(keyFile, "does not belong to the certificate in " + certFile + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsCredentials[ca=" + caFile + ", cert=" + chain.get(0).getSubjectX500Principal() + "]";
    }
}
