package io.zreplcamel.platformtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away zpool on sparse file vdevs, created for one test by {@link ZfsPoolExtension} and
 * destroyed (with its files) after it, also when the test fails. Its name always contains
 * {@code zreplplatformtest}, so a leak is easy to spot with {@code zpool list}.
 */
public final class TestPool {

    private final String name;
    private final Path mountpoint;
    private final List<Path> vdevs;

    TestPool(String name, Path mountpoint, List<Path> vdevs) {
        this.name = name;
        this.mountpoint = mountpoint;
        this.vdevs = List.copyOf(vdevs);
    }

    /** The pool name, which is also the name of its root dataset. */
    public String name() {
        return name;
    }

    /** {@code <pool>/<relative>}, e.g. {@code ds("a/b@snap")}. */
    public String ds(String relative) {
        return name + "/" + relative;
    }

    /** Where the root dataset is mounted; child datasets inherit {@code <mountpoint>/<relative>}. */
    public Path mountpoint() {
        return mountpoint;
    }

    /** The mountpoint a child dataset inherits (valid while its mountpoint property is inherited). */
    public Path mountpoint(String relative) {
        return mountpoint.resolve(relative);
    }

    /** The backing files of the pool. */
    public List<Path> vdevs() {
        return vdevs;
    }

    /** Runs {@code zfs args...}, failing on a non-zero exit code. */
    public Sh.Result zfs(String... args) {
        return Sh.run(withProgram("zfs", args));
    }

    /** Runs {@code zpool args...}, failing on a non-zero exit code. */
    public Sh.Result zpool(String... args) {
        return Sh.run(withProgram("zpool", args));
    }

    /** Names of all filesystems, volumes and snapshots in this pool ({@code zfs list -H -o name -t all -r}). */
    public List<String> listAll() {
        return zfs("list", "-H", "-o", "name", "-t", "all", "-r", name).lines();
    }

    private static List<String> withProgram(String program, String... args) {
        List<String> l = new ArrayList<>(args.length + 1);
        l.add(program);
        l.addAll(List.of(args));
        return l;
    }

    @Override
    public String toString() {
        return name;
    }
}
