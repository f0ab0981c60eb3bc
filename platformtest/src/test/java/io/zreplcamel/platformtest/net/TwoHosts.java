package io.zreplcamel.platformtest.net;

import io.zreplcamel.platformtest.Sh;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two "hosts" in the guest for multi-host tests: network namespaces {@code zpt-a-<pid>-<k>} and
 * {@code zpt-b-<pid>-<k>} joined by a veth pair ({@code 10.213.<k+1>.1/30} on A, {@code .2/30} on B), each with
 * {@code lo} up. Only the network is separate: processes enter the namespace with {@code nsenter --net} (see
 * {@link Host}), so both hosts share the guest's ZFS, mounts and file systems, and the test's pools are visible to
 * both. {@link #close()} stops what was started in the hosts, kills anything else still in the namespaces and
 * deletes them (which deletes the veth pair too).
 */
public final class TwoHosts implements AutoCloseable {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final int k;
    private final Host a;
    private final Host b;

    private TwoHosts(int k, Host a, Host b) {
        this.k = k;
        this.a = a;
        this.b = b;
    }

    /** Creates both namespaces and the link between them; on a failure, removes what was made. */
    public static TwoHosts create() {
        int k = SEQ.getAndIncrement();
        if (k > 253) {
            throw new IllegalStateException("more than 254 host pairs in one JVM: 10.213.<k+1>.0/30 is used up");
        }
        long pid = ProcessHandle.current().pid();
        String subnet = "10.213." + (k + 1) + ".";
        // interface names are at most 15 bytes; they are made in the root namespace, so they carry the pid
        Host a = new Host("zpt-a-" + pid + "-" + k, "za" + pid + "k" + k, subnet + "1");
        Host b = new Host("zpt-b-" + pid + "-" + k, "zb" + pid + "k" + k, subnet + "2");
        TwoHosts hosts = new TwoHosts(k, a, b);
        try {
            Sh.run("ip", "netns", "add", a.namespace());
            Sh.run("ip", "netns", "add", b.namespace());
            Sh.run("ip", "link", "add", a.veth(), "type", "veth", "peer", "name", b.veth());
            for (Host h : List.of(a, b)) {
                Sh.run("ip", "link", "set", h.veth(), "netns", h.namespace());
                h.run("ip", "link", "set", "lo", "up");
                h.run("ip", "addr", "add", h.address() + "/30", "dev", h.veth());
                h.run("ip", "link", "set", h.veth(), "up");
            }
        } catch (RuntimeException e) {
            hosts.closeQuietly(e);
            throw e;
        }
        System.out.println("two hosts: " + a + " <-> " + b);
        return hosts;
    }

    public Host a() {
        return a;
    }

    public Host b() {
        return b;
    }

    /** The pair's number in this JVM ({@code k} in the names and the subnet). */
    public int index() {
        return k;
    }

    /** Takes A's end of the link down: B becomes unreachable from A and vice versa (connections stay open). */
    public void cutLink() {
        a.run("ip", "link", "set", a.veth(), "down");
    }

    /** Brings A's end up again; its connected route comes back with it. */
    public void restoreLink() {
        a.run("ip", "link", "set", a.veth(), "up");
    }

    /**
     * Gives {@code client} a second address, {@code 10.213.<k+1>.5} (outside the /30), that its peer can answer
     * (a host route on the peer's side), and makes {@code client} use it as the source address of its connections to
     * the peer (a host route with {@code src}). Connections made before keep their address.
     *
     * @return the second address
     */
    public String dialFromSecondAddress(Host client) {
        Host peer = peerOf(client);
        String second = "10.213." + (k + 1) + ".5";
        client.run("ip", "addr", "add", second + "/32", "dev", client.veth());
        peer.run("ip", "route", "add", second + "/32", "dev", peer.veth());
        client.run("ip", "route", "add", peer.address() + "/32", "dev", client.veth(), "src", second);
        return second;
    }

    /** Undoes the source address choice of {@link #dialFromSecondAddress}: new connections come from the primary. */
    public void dialFromPrimaryAddress(Host client) {
        client.run("ip", "route", "del", peerOf(client).address() + "/32", "dev", client.veth());
    }

    private Host peerOf(Host h) {
        if (h == a) {
            return b;
        }
        if (h == b) {
            return a;
        }
        throw new IllegalArgumentException(h + " is not one of " + this);
    }

    /**
     * Stops every process started through the hosts (daemons gracefully), kills whatever else is left in the
     * namespaces and deletes them. Fails if a namespace could not be deleted.
     */
    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        for (Host h : List.of(a, b)) {
            h.stopAll(problems);
        }
        for (Host h : List.of(a, b)) {
            h.killRemaining(problems);
        }
        for (Host h : List.of(a, b)) {
            Sh.Result r = Sh.exec("ip", "netns", "del", h.namespace());
            if (!r.ok() && Sh.exec("ip", "netns", "pids", h.namespace()).ok()) {
                problems.add(r.describe());
            }
        }
        // made in the root namespace; gone with its namespace unless moving it failed
        Sh.exec("ip", "link", "del", a.veth());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cleanup of " + this + " failed:\n" + String.join("\n", problems));
        }
    }

    private void closeQuietly(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return a + " <-> " + b;
    }
}
