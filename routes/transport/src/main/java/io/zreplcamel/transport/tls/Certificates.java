package io.zreplcamel.transport.tls;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the X.509 certificates of a PEM file, in file order: a {@code cert} is the own certificate followed by any
 * intermediates, a {@code ca} one or more trusted certificates. Blocks of other types are skipped (as Go's
 * {@code tls.LoadX509KeyPair} does), so a combined file with the key in it still loads.
 */
final class Certificates {

    private Certificates() {
    }

    static List<X509Certificate> read(Path file) {
        List<PemFile.Block> blocks = PemFile.read(file);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
        }
        List<X509Certificate> out = new ArrayList<>();
        for (PemFile.Block b : blocks) {
            if (!b.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException e) {
                throw new TlsFileException(file, "the CERTIFICATE block at line " + b.line()
                        + " is not an X.509 certificate: " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new TlsFileException(file, blocks.isEmpty()
                    ? "no PEM data (expected a -----BEGIN CERTIFICATE----- block)"
                    : "no CERTIFICATE among its PEM blocks (" + String.join(", ",
                    blocks.stream().map(PemFile.Block::label).toList()) + ")");
        }
        return List.copyOf(out);
    }
}
