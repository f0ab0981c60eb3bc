package io.zreplcamel.platformtest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Creates throw-away pools for one test and destroys all of them afterwards. Inject it as a test
 * method parameter (with {@link PlatformTest}) to create pools with a particular layout; a plain
 * {@link TestPool} parameter is a pool made by {@link #create()}.
 *
 * <p>Vdev files live under the scratch directory: system property {@code zpt.scratch}, else the
 * environment variable {@code ZPT_SCRATCH}, else {@code /var/tmp/zreplplatformtest-scratch}.
 */
public final class TestPools implements AutoCloseable {

    /** Every pool name contains this marker; cleanup and leak checks look for it. */
    public static final String MARKER = "zreplplatformtest";
    /** Default size of one (sparse) vdev file: only what is written takes space. */
    public static final long DEFAULT_VDEV_BYTES = 512L * 1024 * 1024;

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String label;
    private final List<TestPool> pools = new ArrayList<>();

    TestPools(String label) {
        this.label = sanitize(label);
    }

    /**
     * Pools shared by all tests of a class (e.g. the pools of long-running daemons that several tests use): made in
     * a class-level setup method, closed by the class's teardown (the extension cleans up only test methods' pools).
     */
    public static TestPools forClass(String label) {
        return new TestPools(label);
    }

    /** One pool on one sparse 512 MiB file. */
    public TestPool create() {
        return create("", 1, DEFAULT_VDEV_BYTES);
    }

    /**
     * A pool whose vdev spec is {@code topology} (e.g. "", "mirror", "raidz") followed by
     * {@code vdevCount} sparse files of {@code vdevBytes} each.
     */
    public synchronized TestPool create(String topology, int vdevCount, long vdevBytes) {
        String name = MARKER + "-" + label + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        Path dir = scratch().resolve(name);
        Path mnt = dir.resolve("mnt");
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(mnt);
            for (int i = 0; i < vdevCount; i++) {
                Path f = dir.resolve("vdev" + i + ".img");
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(vdevBytes);
                }
                files.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create vdev files under " + dir, e);
        }
        List<String> cmd = new ArrayList<>(List.of("zpool", "create", "-f", "-o", "cachefile=none",
                "-m", mnt.toString(), name));
        if (!topology.isBlank()) {
            cmd.add(topology);
        }
        files.forEach(f -> cmd.add(f.toString()));
        TestPool pool = new TestPool(name, mnt, files);
        Sh.Result r = Sh.exec(cmd);
        if (!r.ok()) {
            deleteTree(dir);
            throw new Sh.CommandFailedException(r);
        }
        pools.add(pool);
        return pool;
    }

    /** The pools created so far, oldest first. */
    public synchronized List<TestPool> pools() {
        return List.copyOf(pools);
    }

    /**
     * Destroys every pool this instance created and deletes its files; newest first. Tries all of
     * them even if one fails, then throws if any pool could not be destroyed.
     */
    @Override
    public synchronized void close() {
        List<String> problems = new ArrayList<>();
        for (int i = pools.size() - 1; i >= 0; i--) {
            TestPool p = pools.get(i);
            String problem = destroy(p);
            if (problem != null) {
                problems.add(problem);
            }
        }
        pools.clear();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("test pool cleanup failed:\n" + String.join("\n", problems));
        }
    }

    private static String destroy(TestPool p) {
        Sh.Result last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = Sh.exec("zpool", "destroy", "-f", p.name());
            if (last.ok() || !Sh.exec("zpool", "list", "-H", "-o", "name", p.name()).ok()) {
                last = null; // destroyed, or already gone (the test destroyed or exported it)
                break;
            }
            sleep(300L * attempt);
        }
        deleteTree(p.vdevs().isEmpty() ? p.mountpoint().getParent() : p.vdevs().get(0).getParent());
        return last == null ? null : "pool " + p.name() + ": " + last.describe();
    }

    /** The scratch directory for vdev files and mountpoints. */
    public static Path scratch() {
        String s = System.getProperty("zpt.scratch");
        if (s == null || s.isBlank()) {
            s = System.getenv("ZPT_SCRATCH");
        }
        if (s == null || s.isBlank()) {
            s = "/var/tmp/zreplplatformtest-scratch";
        }
        return Path.of(s);
    }

    /** Names of all imported pools whose name contains {@link #MARKER}. */
    public static List<String> leftoverPools() {
        return Sh.run("zpool", "list", "-H", "-o", "name").lines().stream()
                .filter(n -> n.contains(MARKER)).toList();
    }

    static String sanitize(String label) {
        String s = label.replaceAll("[^A-Za-z0-9_.]", "_");
        if (s.length() > 40) {
            s = s.substring(0, 40);
        }
        return s.isEmpty() ? "t" : s;
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a still-mounted dir cannot go; the leak check reports real leaks
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
