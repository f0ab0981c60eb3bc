package io.zreplcamel.platformtest.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.platformtest.TestPool;
import io.zreplcamel.platformtest.TestPools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@link TwoHosts} harness itself: two namespaces that reach each other over their link and nothing else, share
 * the guest's ZFS and mounts, lose each other while the link is cut, can dial from a second address, and are gone
 * with everything started in them after {@link TwoHosts#close()}.
 */
@PlatformTest
class TwoHostsPlatformTest {

    private static final int PORT = 7000;

    @Test
    void twoNamespacesShareZfsButNotTheNetworkAndAreRemovedWithTheirProcesses(TestPool pool) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(TestPools.scratch()), "twohosts-");
        TwoHosts hosts = TwoHosts.create();
        Host a = hosts.a();
        Host b = hosts.b();
        Process listener;
        long orphan;
        Path listenerLog = dir.resolve("nc.log");
        try {
            assertThat(Sh.run("ip", "netns", "list").stdout()).contains(a.namespace()).contains(b.namespace());
            assertThat(a.address()).isEqualTo("10.213." + (hosts.index() + 1) + ".1");
            assertThat(b.address()).isEqualTo("10.213." + (hosts.index() + 1) + ".2");
            assertThat(a.run("ip", "-4", "-o", "addr", "show", "dev", a.veth()).stdout())
                    .contains("inet " + a.address() + "/30");
            assertThat(a.run("ip", "-o", "link", "show", "lo").stdout()).contains("UP");

            // the same ZFS and file systems: the pool's mount is visible in A, a file written there is here
            pool.zfs("create", pool.ds("shared"));
            assertThat(a.run("zfs", "list", "-H", "-o", "name", pool.ds("shared")).lines())
                    .containsExactly(pool.ds("shared"));
            assertThat(a.run("findmnt", "-n", "-o", "FSTYPE", pool.mountpoint("shared").toString()).stdout().strip())
                    .isEqualTo("zfs");
            a.run("bash", "-c", "echo from-a > " + pool.mountpoint("shared").resolve("file"));
            assertThat(Files.readString(pool.mountpoint("shared").resolve("file"))).isEqualTo("from-a\n");

            // B's listener: reachable from A over the link, not in the root namespace
            listener = b.start(listenerLog, "nc", "-lkvn", Integer.toString(PORT));
            b.awaitListening(PORT, Duration.ofSeconds(20));
            assertThat(a.listening(PORT)).isFalse();
            assertThat(Sh.run("ss", "-Hltn", "sport = :" + PORT).stdout()).isBlank();
            a.run("bash", "-c", "echo hello | nc -N -w 5 " + b.address() + " " + PORT);
            awaitLog(listenerLog, "hello");
            assertThat(Files.readString(listenerLog)).contains(a.address());

            hosts.cutLink();
            assertThat(a.exec("nc", "-z", "-w", "2", b.address(), Integer.toString(PORT)).ok())
                    .as("B is unreachable from A while the link is cut").isFalse();
            hosts.restoreLink();
            awaitReachable(a, b.address());

            String second = hosts.dialFromSecondAddress(a);
            a.run("bash", "-c", "echo from-second | nc -N -w 5 " + b.address() + " " + PORT);
            awaitLog(listenerLog, "from-second");
            assertThat(Files.readString(listenerLog)).as("B saw the second address").contains(second);
            hosts.dialFromPrimaryAddress(a);
            a.run("bash", "-c", "echo from-primary | nc -N -w 5 " + b.address() + " " + PORT);
            awaitLog(listenerLog, "from-primary");

            // something started in A that the harness does not know of: close() must kill it too
            orphan = Long.parseLong(a.run("bash", "-c", "sleep 600 >/dev/null 2>&1 & echo $!").stdout().strip());
            assertThat(ProcessHandle.of(orphan)).isPresent();
        } finally {
            hosts.close();
        }
        assertThat(listener.isAlive()).isFalse();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                .as("the untracked process in A").isFalse();
        String netns = Sh.run("ip", "netns", "list").stdout();
        assertThat(netns).doesNotContain(a.namespace()).doesNotContain(b.namespace());
        assertThat(Sh.exec("ip", "link", "show", a.veth()).ok()).isFalse();
        Sh.run("rm", "-rf", dir.toString());
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("%s in %s: %s", text, log, Files.readString(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The link is back: a TCP probe succeeds within 10 s. */
    private static void awaitReachable(Host from, String address) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!from.exec("nc", "-z", "-w", "2", address, Integer.toString(PORT)).ok()) {
            assertThat(System.nanoTime()).as("%s reachable from %s again", address, from).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
