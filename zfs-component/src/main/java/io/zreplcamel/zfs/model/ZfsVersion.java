package io.zreplcamel.zfs.model;

/**
 * What {@code zfs version} prints: the userland and kernel module version strings and the parsed userland
 * version number.
 *
 * @param userland e.g. {@code zfs-2.3.2-1~bpo12+1}
 * @param kernel   e.g. {@code zfs-kmod-2.3.2-1~bpo12+1}, or empty when the module is not loaded
 */
public record ZfsVersion(String userland, String kernel, int major, int minor, int patch)
        implements Comparable<ZfsVersion> {

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public int compareTo(ZfsVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /** {@code 2.3.2}. */
    public String number() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public String toString() {
        return kernel.isEmpty() ? userland : userland + " (kernel module " + kernel + ")";
    }
}
