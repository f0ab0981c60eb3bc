package io.zreplcamel.app.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The line framing of the control protocol: UTF-8 text, one {@code \n}-terminated line; a request of at most 64 KiB,
 * a response (a status of thousands of filesystems) of at most 64 MiB.
 */
final class ControlLines {

    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_RESPONSE_BYTES = 64 << 20;

    private ControlLines() {
    }

    /** Reads one line (without its newline); null at end of stream before any byte. */
    static String read(InputStream in) throws IOException, ControlProtocolException {
        return read(in, MAX_LINE_BYTES);
    }

    /** Reads one line of at most {@code maxBytes}; null at end of stream before any byte. */
    static String read(InputStream in, int maxBytes) throws IOException, ControlProtocolException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new ControlProtocolException("the line ended without a newline");
            }
            if (b == '\n') {
                return buf.toString(StandardCharsets.UTF_8);
            }
            if (buf.size() >= maxBytes) {
                throw new ControlProtocolException("line longer than " + maxBytes + " bytes");
            }
            buf.write(b);
        }
    }

    static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
