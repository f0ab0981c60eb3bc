package io.zreplcamel.app.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket on a real UNIX domain socket in a temporary directory (no daemon, no ZFS). */
class ControlServerTest {

    @TempDir
    Path dir;

    private final List<ControlRequest> seen = new CopyOnWriteArrayList<>();

    private ControlResponse echo(ControlRequest r) {
        seen.add(r);
        return r.job().equals("nope") ? ControlResponse.error("Job nope does not exist")
                : ControlResponse.ok(r.op().wireName() + " " + r.job());
    }

    @Test
    void answersOneRequestPerConnectionAndRemovesItsSocketWhenClosed() throws Exception {
        Path sock = dir.resolve("run/zrepl/control");
        try (ControlServer server = ControlServer.start(sock, this::echo)) {
            assertThat(server.path()).isEqualTo(sock);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock.getParent())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS)))
                    .isEqualTo("rw-------");
            ControlClient client = new ControlClient(sock);
            assertThat(client.send(ControlRequest.wakeup("backup", true))).isEqualTo(ControlResponse.ok("wakeup backup"));
            assertThat(client.send(ControlRequest.reset("backup"))).isEqualTo(ControlResponse.ok("reset backup"));
            assertThat(client.send(ControlRequest.wakeup("nope", false)))
                    .isEqualTo(ControlResponse.error("Job nope does not exist"));
            assertThat(seen).containsExactly(ControlRequest.wakeup("backup", true), ControlRequest.reset("backup"),
                    ControlRequest.wakeup("nope", false));
            assertThat(raw(sock, "{\"op\":\"wakeup\"}\n"))
                    .isEqualTo("{\"ok\":false,\"message\":\"bad control request: field \\\"job\\\" is missing\"}\n");
        }
        assertThat(sock).doesNotExist();
        assertThatThrownBy(() -> new ControlClient(sock).send(ControlRequest.wakeup("backup", false)))
                .isInstanceOf(IOException.class).hasMessageContaining("no control socket at " + sock)
                .hasMessageContaining("is the daemon running");
    }

    @Test
    void aLiveDaemonOnTheSocketIsNotReplaced() throws Exception {
        Path sock = dir.resolve("control");
        try (ControlServer first = ControlServer.start(sock, this::echo)) {
            assertThatThrownBy(() -> ControlServer.start(sock, this::echo)).isInstanceOf(IOException.class)
                    .hasMessage("control socket " + sock + ": another zrepl-camel daemon is running (it accepts"
                            + " connections on this socket); not starting a second one");
            // the first one still answers
            assertThat(new ControlClient(sock).send(ControlRequest.reset("a"))).isEqualTo(ControlResponse.ok("reset a"));
        }
    }

    @Test
    void aStaleSocketOfADeadDaemonIsReplaced() throws Exception {
        Path sock = dir.resolve("control");
        // a bound socket whose owner is gone: the file stays, nobody accepts
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(sock));
        dead.close();
        assertThat(sock).exists();
        try (ControlServer server = ControlServer.start(sock, this::echo)) {
            assertThat(new ControlClient(sock).send(ControlRequest.reset("a"))).isEqualTo(ControlResponse.ok("reset a"));
        }
    }

    @Test
    void aFileThatIsNotASocketOrAWorldAccessibleDirectoryIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("control"), "data");
        assertThatThrownBy(() -> ControlServer.start(file, this::echo)).isInstanceOf(IOException.class)
                .hasMessage("control socket " + file + ": a file that is not a socket is in the way; not removing it");
        assertThat(file).hasContent("data");

        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> ControlServer.start(open.resolve("control"), this::echo))
                .isInstanceOf(IOException.class).hasMessageContaining("socket directory must not be world-accessible");
    }

    @Test
    void closingEndsAWaitingConnection() throws Exception {
        Path sock = dir.resolve("control");
        CountDownLatch handling = new CountDownLatch(1);
        CompletableFuture<ControlResponse> never = new CompletableFuture<>();
        ControlServer server = ControlServer.start(sock, r -> {
            handling.countDown();
            return never.join();
        });
        CompletableFuture<Throwable> client = CompletableFuture.supplyAsync(() -> {
            try {
                new ControlClient(sock).send(ControlRequest.wakeup("a", true));
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertThat(handling.await(20, TimeUnit.SECONDS)).isTrue();
        server.close();
        assertThat(client.get(20, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessage("the daemon closed the control connection without a response (did it stop?)");
        assertThat(sock).doesNotExist();
        never.complete(ControlResponse.ok("late"));
    }

    private static String raw(Path sock, String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            while (c.read(buf) >= 0) {
                // until the server closes
            }
            buf.flip();
            return StandardCharsets.UTF_8.decode(buf).toString();
        }
    }
}
