package io.zreplcamel.app.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file system side of the control socket ({@code global.control.sockpath}), before it is bound: the runtime
 * directory is created with mode 0700 when missing and must not be world-accessible (zrepl: "socket directory must
 * not be world-accessible"); a socket file that nobody listens on (a daemon that died) is removed; a socket a live
 * daemon listens on, or a file that is not a socket, is an error.
 */
final class ControlSocketFile {

    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");

    private ControlSocketFile() {
    }

    /** Makes {@code path} ready to be bound; throws with a message for the admin otherwise. */
    static void prepare(Path path) throws ControlSocketException {
        try {
            check(path);
        } catch (ControlSocketException e) {
            throw e;
        } catch (IOException e) {
            throw new ControlSocketException("control socket " + path + ": " + e, e);
        }
    }

    private static void check(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        } else if (!Files.isDirectory(dir)) {
            throw new ControlSocketException("control socket " + path + ": " + dir + " is not a directory");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
            throw new ControlSocketException("control socket " + path + ": socket directory must not be world-accessible ("
                    + dir + " is " + PosixFilePermissions.toString(perms) + "; chmod o-rwx it)");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isOther()) {
            throw new ControlSocketException("control socket " + path + ": a file that is not a socket is in the way; not"
                    + " removing it");
        }
        if (listening(path)) {
            throw new ControlSocketException("control socket " + path + ": another zrepl-camel daemon is running (it accepts"
                    + " connections on this socket); not starting a second one");
        }
        // nobody listens: left behind by a daemon that did not stop cleanly
        Files.delete(path);
    }

    /** Whether a process accepts connections on the socket at {@code path}. */
    static boolean listening(Path path) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
