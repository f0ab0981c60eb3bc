package io.zreplcamel.app.control;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI's side of the control socket: one request, one response, one connection. */
public final class ControlClient {

    private final Path path;

    public ControlClient(Path path) {
        this.path = path;
    }

    /**
     * Sends {@code request} and waits for the response (for a waited wakeup: until the run ended).
     *
     * @throws IOException with a message for the admin when the daemon cannot be reached or answers nonsense
     */
    public ControlResponse send(ControlRequest request) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no control socket at " + path + ": is the daemon running, with this"
                    + " global.control.sockpath (give the daemon's config with --config)?");
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                c.connect(UnixDomainSocketAddress.of(path));
            } catch (ConnectException e) {
                throw new IOException("cannot connect to the control socket " + path + ": " + e.getMessage()
                        + " (is the daemon running?)", e);
            } catch (SocketException e) {
                throw new IOException("cannot connect to the control socket " + path + ": " + e.getMessage(), e);
            }
            ControlLines.write(Channels.newOutputStream(c), request.toLine());
            String line;
            try {
                line = ControlLines.read(new BufferedInputStream(Channels.newInputStream(c)),
                        ControlLines.MAX_RESPONSE_BYTES);
            } catch (ControlProtocolException e) {
                throw new IOException("bad response from the daemon: " + e.getMessage(), e);
            }
            if (line == null) {
                throw new IOException("the daemon closed the control connection without a response (did it stop?)");
            }
            try {
                return ControlResponse.parse(line);
            } catch (ControlProtocolException e) {
                throw new IOException("bad response from the daemon: " + e.getMessage(), e);
            }
        }
    }
}
