package io.zreplcamel.config.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/**
 * Checks that TLS files exist and hold what they should, so that a bad path is a config error rather than a
 * failure at the first connection: certificates (and CA bundles) must parse as X.509 PEM, keys must be readable PEM
 * private keys. Returns a problem message, or null when fine.
 */
final class CertificateFiles {

    private CertificateFiles() {
    }

    static String certificateProblem(Path path) {
        String readProblem = readProblem(path);
        if (readProblem != null) {
            return readProblem;
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                return "no certificate found in " + path;
            }
            return null;
        } catch (CertificateException e) {
            return "cannot parse certificate file " + path + ": " + e.getMessage();
        } catch (IOException e) {
            return "cannot read certificate file " + path + ": " + e.getMessage();
        }
    }

    static String privateKeyProblem(Path path) {
        String readProblem = readProblem(path);
        if (readProblem != null) {
            return readProblem;
        }
        try {
            String text = Files.readString(path, StandardCharsets.ISO_8859_1);
            if (!text.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*")) {
                return "no PEM private key (-----BEGIN ... PRIVATE KEY-----) found in " + path;
            }
            return null;
        } catch (IOException e) {
            return "cannot read key file " + path + ": " + e.getMessage();
        }
    }

    private static String readProblem(Path path) {
        if (!Files.exists(path)) {
            return "cannot read " + path + ": no such file";
        }
        if (!Files.isRegularFile(path)) {
            return "cannot read " + path + ": not a regular file";
        }
        try (InputStream in = Files.newInputStream(path)) {
            in.read();
            return null;
        } catch (AccessDeniedException e) {
            return "cannot read " + path + ": permission denied";
        } catch (NoSuchFileException e) {
            return "cannot read " + path + ": no such file";
        } catch (IOException e) {
            return "cannot read " + path + ": " + e.getMessage();
        }
    }
}
