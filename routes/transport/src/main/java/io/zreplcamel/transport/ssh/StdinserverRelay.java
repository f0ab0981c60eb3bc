package io.zreplcamel.transport.ssh;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The remote end of an ssh+stdinserver connection: what {@code zrepl-camel stdinserver <identity>} does once it
 * knows the socket. It connects to the serving daemon's socket and copies stdin to the socket and the socket to
 * stdout, plain blocking I/O on two threads, until either side ends: the daemon closing (socket EOF) ends the
 * relay; stdin ending (the ssh client went away) half-closes the socket, and the daemon closes in turn.
 *
 * <p>zrepl passes the ssh session's file descriptors to the daemon (SCM_RIGHTS) and exits; the JDK cannot send
 * descriptors, so this process stays and copies. It holds one buffer per direction, never a stream. It must start
 * fast (sshd starts one per connection), so nothing here touches Camel or the config beyond what the caller read.
 */
public final class StdinserverRelay {

    static final int BUFFER = 128 * 1024;

    /** Exit codes, as the CLI's: 0 the daemon ended the connection, 1 no daemon or a broken connection. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;

    private StdinserverRelay() {
    }

    /** For tests and scripts that know the socket: {@code StdinserverRelay <socket>}, over this process's stdio. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StdinserverRelay <socket>");
            System.exit(2);
        }
        System.exit(relay(Path.of(args[0]), new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), new PrintWriter(System.err, true), "stdinserver"));
    }

    /**
     * Relays until the daemon closes the connection.
     *
     * @param who prefix of the messages on {@code err} (the ssh client logs them on the dialing side)
     * @return {@link #EXIT_OK} when the daemon ended the connection; {@link #EXIT_FAILURE} with a message on
     *         {@code err} when the socket is missing, refuses, or the connection broke
     */
    public static int relay(Path socket, InputStream in, OutputStream out, PrintWriter err, String who) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            err.println(who + ": cannot open a UNIX socket: " + e.getMessage());
            return EXIT_FAILURE;
        }
        try (ch) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                err.println(who + ": " + notReachable(socket, e));
                err.flush();
                return EXIT_FAILURE;
            }
            Thread upstream = new Thread(() -> copyStdinToSocket(in, ch), "stdinserver-stdin");
            upstream.setDaemon(true);
            upstream.start();
            return copySocketToStdout(ch, out, err, who);
        } catch (IOException e) {
            err.println(who + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static String notReachable(Path socket, IOException e) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return "no socket " + socket + ": the zrepl-camel daemon is not running, or none of its stdinserver"
                    + " serves lists this client identity (client_identities), or its"
                    + " global.serve.stdinserver.sockdir is another directory";
        }
        if (e instanceof ConnectException) {
            return "nothing accepts connections on " + socket + " (a socket left behind: is the zrepl-camel daemon"
                    + " running?): " + e.getMessage();
        }
        return "cannot connect to " + socket + ": " + e.getMessage();
    }

    private static void copyStdinToSocket(InputStream in, SocketChannel ch) {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
            // the ssh session ended its input: tell the daemon, which closes, which ends the other direction
            ch.shutdownOutput();
        } catch (IOException e) {
            // the daemon closed, or the socket broke: the other direction sees it and ends the relay
            try {
                ch.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static int copySocketToStdout(SocketChannel ch, OutputStream out, PrintWriter err, String who) {
        ByteBuffer bb = ByteBuffer.allocate(BUFFER);
        try {
            while (ch.read(bb) >= 0) {
                out.write(bb.array(), 0, bb.position());
                out.flush();
                bb.clear();
            }
            out.flush();
            return EXIT_OK;
        } catch (IOException e) {
            err.println(who + ": connection to the daemon broke: " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        }
    }
}
