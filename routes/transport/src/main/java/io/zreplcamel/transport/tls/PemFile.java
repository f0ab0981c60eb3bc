package io.zreplcamel.transport.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PEM blocks of a file (RFC 7468, plus the RFC 1421 headers that OpenSSL writes for encrypted traditional
 * keys). Text outside the blocks is ignored, as Go's {@code pem.Decode} and OpenSSL do, so a file with a
 * human-readable dump before each certificate still loads.
 */
final class PemFile {

    /** One block: its label ({@code CERTIFICATE}, {@code RSA PRIVATE KEY}), headers, decoded bytes. */
    record Block(String label, Map<String, String> headers, byte[] der, int line) {
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemFile() {
    }

    static List<Block> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new TlsFileException(file, "permission denied");
        } catch (IOException e) {
            throw new TlsFileException(file, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    static List<Block> parse(Path file, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            int begin = i + 1;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder base64 = new StringBuilder();
            boolean ended = false;
            boolean inHeaders = true;
            for (i = i + 1; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith(END)) {
                    String endLabel = l.endsWith(DASHES) ? l.substring(END.length(), l.length() - DASHES.length())
                            : l;
                    if (!endLabel.equals(label)) {
                        throw new TlsFileException(file, "PEM block \"" + label + "\" (line " + begin
                                + ") ends with \"" + l + "\" at line " + (i + 1));
                    }
                    ended = true;
                    break;
                }
                if (inHeaders && l.contains(":")) {
                    int colon = l.indexOf(':');
                    headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                    continue;
                }
                inHeaders = false;
                base64.append(l);
            }
            if (!ended) {
                throw new TlsFileException(file, "PEM block \"" + label + "\" (line " + begin + ") has no END line");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new TlsFileException(file, "PEM block \"" + label + "\" (line " + begin
                        + ") is not valid base64: " + e.getMessage());
            }
            if (der.length == 0) {
                throw new TlsFileException(file, "PEM block \"" + label + "\" (line " + begin + ") is empty");
            }
            blocks.add(new Block(label, Map.copyOf(headers), der, begin));
        }
        return blocks;
    }
}
