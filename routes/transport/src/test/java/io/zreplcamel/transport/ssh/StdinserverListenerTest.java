package io.zreplcamel.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.zreplcamel.transport.conn.ProtocolInstaller;
import io.zreplcamel.transport.data.EventLoops;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdinserver listener on real UNIX sockets: the identity of a connection is the socket it came in on, only
 * listed identities have a socket, the directory and the sockets are private, stale sockets are replaced and live
 * ones are not taken over.
 */
@Timeout(60)
class StdinserverListenerTest {

    @TempDir
    Path tmp;
    EventLoops loops;
    final List<StdinserverListener> listeners = new CopyOnWriteArrayList<>();
    final List<String> identitiesSeen = new CopyOnWriteArrayList<>();

    /** Answers every connection with "you are <identity>" and closes it. */
    final ProtocolInstaller greeter = (ch, identity) -> {
        identitiesSeen.add(identity);
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(Unpooled.copiedBuffer("you are " + identity, StandardCharsets.UTF_8))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        });
    };

    @BeforeEach
    void loops() {
        loops = EventLoops.create(1);
    }

    @AfterEach
    void close() {
        listeners.forEach(StdinserverListener::close);
        loops.close();
    }

    StdinserverListener start(Path sockdir, String... identities) throws InterruptedException {
        StdinserverListener l = new StdinserverListener(loops, sockdir, List.of(identities));
        listeners.add(l);
        l.start(greeter);
        return l;
    }

    @Test
    void theIdentityIsTheSocketTheConnectionCameIn() throws Exception {
        Path sockdir = tmp.resolve("run/zrepl/stdinserver");
        StdinserverListener l = start(sockdir, "alice", "bob");

        assertThat(greeting(l.socketOf("bob"))).isEqualTo("you are bob");
        assertThat(greeting(l.socketOf("alice"))).isEqualTo("you are alice");
        assertThat(identitiesSeen).containsExactly("bob", "alice");
        assertThat(l.socketOf("alice")).isEqualTo(sockdir.resolve("alice"));
    }

    @Test
    void anUnlistedIdentityHasNoSocket() throws Exception {
        Path sockdir = tmp.resolve("sockdir");
        start(sockdir, "alice");

        try (var entries = Files.list(sockdir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("alice");
        }
        assertThatThrownBy(() -> greeting(sockdir.resolve("mallory"))).isInstanceOf(IOException.class);
        assertThat(identitiesSeen).isEmpty();
    }

    @Test
    void theDirectoryIsCreatedPrivateAndTheSocketsArePrivate() throws Exception {
        Path sockdir = tmp.resolve("a/b/sockdir");
        StdinserverListener l = start(sockdir, "alice");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockdir))).isEqualTo("rwx------");
        assertThat(SocketDirectory.isSocket(l.socketOf("alice"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(l.socketOf("alice"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws Exception {
        Path sockdir = Files.createDirectory(tmp.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(sockdir, PosixFilePermissions.fromString("rwxr-x---"));

        assertThatThrownBy(() -> start(sockdir, "alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stdinserver socket directory " + sockdir + " has mode rwxr-x---")
                .hasMessageContaining("chmod 0700");
        assertThat(Files.exists(sockdir.resolve("alice"))).isFalse();
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        Path sockdir = Files.createDirectory(tmp.resolve("s"),
                PosixFilePermissions.asFileAttribute(SocketDirectory.PRIVATE_DIR));
        // a socket nobody listens on any more, as a killed daemon leaves it (the JDK does not unlink on close)
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sockdir.resolve("alice")));
        }
        assertThat(SocketDirectory.isSocket(sockdir.resolve("alice"))).isTrue();

        StdinserverListener l = start(sockdir, "alice");

        assertThat(greeting(l.socketOf("alice"))).isEqualTo("you are alice");
    }

    @Test
    void aSocketSomeoneStillServesIsNotTakenOver() throws Exception {
        Path sockdir = tmp.resolve("s");
        start(sockdir, "alice");

        assertThatThrownBy(() -> start(sockdir, "alice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another process (a zrepl-camel daemon?) accepts connections");
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Path sockdir = Files.createDirectory(tmp.resolve("s"),
                PosixFilePermissions.asFileAttribute(SocketDirectory.PRIVATE_DIR));
        Files.writeString(sockdir.resolve("alice"), "precious");

        assertThatThrownBy(() -> start(sockdir, "alice")).hasMessageContaining("exists and is not a socket");
        assertThat(Files.readString(sockdir.resolve("alice"))).isEqualTo("precious");
    }

    @Test
    void closeRemovesTheSocketsAndAStartAfterItBindsAgain() throws Exception {
        Path sockdir = tmp.resolve("s");
        StdinserverListener l = start(sockdir, "alice", "bob");
        l.close();

        try (var entries = Files.list(sockdir)) {
            assertThat(entries).isEmpty();
        }
        StdinserverListener again = start(sockdir, "alice");
        assertThat(greeting(again.socketOf("alice"))).isEqualTo("you are alice");
    }

    @Test
    void anIdentityThatIsNotOnePathComponentIsRefusedBeforeAnythingIsCreated() {
        Path sockdir = tmp.resolve("s");
        for (String bad : new String[] {"../etc", "a/b", "..", ""}) {
            assertThatThrownBy(() -> new StdinserverListener(loops, sockdir, List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new StdinserverListener(loops, tmp.resolve("x".repeat(120)), List.of("a")))
                .hasMessageContaining("a UNIX socket path can have at most 107");
        assertThat(Files.exists(sockdir)).isFalse();
    }

    private static String greeting(Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (ch.read(buf) >= 0) {
                // until the listener closes
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }
}
