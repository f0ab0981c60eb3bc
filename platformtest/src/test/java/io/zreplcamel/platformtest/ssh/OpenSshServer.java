package io.zreplcamel.platformtest.ssh;

import io.zreplcamel.platformtest.Sh;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server of the test's own: {@code /usr/sbin/sshd -D -e -f <generated sshd_config>} on a free
 * loopback port, with a generated host key, a generated client key, and an {@code authorized_keys} whose only entry
 * is that key with a forced command. Also writes the client's {@code known_hosts} for the host key, so the client
 * can run with {@code StrictHostKeyChecking=yes}.
 */
public final class OpenSshServer implements AutoCloseable {

    public final Path dir;
    public final int port;
    public final Path clientKey;
    public final Path knownHosts;
    public final Path log;
    private final Process sshd;

    private OpenSshServer(Path dir, int port, Path clientKey, Path knownHosts, Path log, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.knownHosts = knownHosts;
        this.log = log;
        this.sshd = sshd;
    }

    /** Starts sshd in {@code dir}; the client key may only run {@code forcedCommand}. */
    public static OpenSshServer start(Path dir, String forcedCommand) throws Exception {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_ed25519");
        Path clientKey = dir.resolve("client_ed25519");
        Sh.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "zpt-host", "-f", hostKey.toString());
        Sh.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "zpt-client", "-f", clientKey.toString());
        String clientPub = Files.readString(Path.of(clientKey + ".pub")).strip();
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                "command=\"" + forcedCommand + "\",restrict " + clientPub + "\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                + Files.readString(Path.of(hostKey + ".pub")).strip() + "\n");
        Path config = Files.writeString(dir.resolve("sshd_config"), """
                Port %d
                ListenAddress 127.0.0.1
                HostKey %s
                AuthorizedKeysFile %s
                PidFile %s
                StrictModes no
                UsePAM no
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                LogLevel VERBOSE
                """.formatted(port, hostKey, authorizedKeys, dir.resolve("sshd.pid")));
        // Debian's sshd needs its privilege separation directory, which only its init script creates
        Files.createDirectories(Path.of("/run/sshd"));
        unlockRootForPublicKeys();
        Sh.run("/usr/sbin/sshd", "-t", "-f", config.toString());
        Path log = dir.resolve("sshd.log");
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, port, clientKey, knownHosts, log, sshd);
        server.awaitListening();
        return server;
    }

    /**
     * Without PAM, sshd refuses every login, public keys included, to an account whose password field starts with
     * '!' (locked); a minimal Debian may have root so. '*' (no password, not locked) lets keys in.
     */
    private static void unlockRootForPublicKeys() throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/shadow"), StandardCharsets.UTF_8)) {
            if (line.startsWith("root:!")) {
                Sh.run("usermod", "-p", "*", "root");
            }
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited with " + sshd.exitValue() + ": " + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("sshd does not listen on 127.0.0.1:" + port + ": " + logText());
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        sshd.destroy();
        if (!sshd.waitFor(20, TimeUnit.SECONDS)) {
            sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
