package io.zreplcamel.transport.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The stdinserver socket directory ({@code global.serve.stdinserver.sockdir}) and the sockets in it. The identity of
 * a connection is the name of the socket it came in on, trusted blindly (zrepl §12.3): whoever can connect to a
 * socket <em>is</em> that client. So the directory must be private to the daemon's user (mode 0700, owned by it)
 * and each socket 0600; a directory that others can enter is refused rather than silently tightened, because the
 * admin who made it so may have meant something by it and should decide.
 */
public final class SocketDirectory {

    /** {@code sun_path} is 108 bytes on Linux, including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> PRIVATE_SOCKET = PosixFilePermissions.fromString("rw-------");

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketDirectory() {
    }

    /**
     * Creates {@code dir} (and missing parents) with mode 0700, or checks that the existing one is a directory owned
     * by this process's user with no access for group and others.
     */
    public static void preparePrivate(Path dir) {
        try {
            if (!Files.exists(dir)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another daemon's start created it at the same time: checked below like any existing one
                }
                // the umask may have taken bits away, never added any; set it exactly anyway
                Files.setPosixFilePermissions(dir, PRIVATE_DIR);
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("stdinserver socket directory " + dir + " is not a directory");
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid");
            int us = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (owner != us) {
                throw new IllegalStateException("stdinserver socket directory " + dir + " is owned by uid " + owner
                        + ", not by this daemon's uid " + us + ": the directory decides who may act as which client,"
                        + " so it must be the daemon's own");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (!PRIVATE_DIR.containsAll(perms)) {
                throw new IllegalStateException("stdinserver socket directory " + dir + " has mode "
                        + PosixFilePermissions.toString(perms) + ": it must be private (rwx------, chmod 0700), since"
                        + " anyone who can reach a socket in it is taken for that socket's client identity");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stdinserver socket directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The socket of {@code identity} in {@code dir}. The identity becomes a file name, so it must be one path
     * component (the config and the {@code stdinserver} verb check it as a ZFS name component; this is the last
     * line of defence for callers that did not).
     */
    public static Path socketOf(Path dir, String identity) {
        if (identity.isEmpty() || identity.equals(".") || identity.equals("..") || identity.indexOf('/') >= 0
                || identity.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("client identity \"" + identity + "\" cannot name a socket: it must be"
                    + " one path component");
        }
        Path socket = dir.resolve(identity);
        int bytes = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("stdinserver socket " + socket + " is " + bytes + " bytes long; a UNIX"
                    + " socket path can have at most " + MAX_SOCKET_PATH_BYTES + " (choose a shorter sockdir)");
        }
        return socket;
    }

    /**
     * Makes room for a new socket at {@code socket}: a socket left behind by a daemon that died is removed; a socket
     * that still accepts connections belongs to a running daemon and is an error, as is anything that is not a
     * socket (it is not ours to delete).
     */
    public static void removeStale(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!isSocket(socket)) {
                throw new IllegalStateException(socket + " exists and is not a socket; not replacing it");
            }
            if (accepts(socket)) {
                throw new IllegalStateException(socket + ": another process (a zrepl-camel daemon?) accepts"
                        + " connections on this socket; not taking it over");
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(socket + ": cannot replace the stale socket: " + e.getMessage(), e);
        }
    }

    static boolean isSocket(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFSOCK;
    }

    private static boolean accepts(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
