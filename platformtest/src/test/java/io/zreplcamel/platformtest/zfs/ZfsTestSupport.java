package io.zreplcamel.platformtest.zfs;

import io.zreplcamel.platformtest.Sh;
import io.zreplcamel.zfs.component.ZfsComponent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** Helpers shared by the zfs-component platform tests: Camel context, incompressible data, checksums, captures. */
final class ZfsTestSupport {

    private ZfsTestSupport() {
    }

    /** A started Camel context with the zfs: component and the given routes. */
    static CamelContext camel(RouteBuilder routes) {
        try {
            CamelContext ctx = new DefaultCamelContext();
            ctx.addComponent("zfs", new ZfsComponent());
            ctx.setStreamCaching(true); // as in the daemon: the component must keep send streams out of it
            ctx.addRoutes(routes);
            ctx.start();
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start camel", e);
        }
    }

    /** Processes the context's zfs: component spawned so far. */
    static long spawned(CamelContext ctx) {
        return ctx.getComponent("zfs", ZfsComponent.class).instances().stream()
                .mapToLong(z -> z.runner().counter().total()).sum();
    }

    /** Processes of one verb (e.g. {@code "zfs snapshot"}) the context's zfs: component spawned so far. */
    static long spawned(CamelContext ctx, String verb) {
        return ctx.getComponent("zfs", ZfsComponent.class).instances().stream()
                .mapToLong(z -> z.runner().counter().byVerb().getOrDefault(verb, 0L)).sum();
    }

    /** Writes {@code bytes} of pseudo-random (incompressible) data to {@code file}. */
    static void writeRandom(Path file, long bytes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = bytes;
            while (left > 0) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = rnd.nextLong();
                    for (int k = 0; k < 8; k++) {
                        buf[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256sum of every file under {@code dir} (relative names, sorted), computed by the native tool. */
    static String sha256Tree(Path dir) {
        return Sh.bash("cd '" + dir + "' && find . -type f -print0 | sort -z | xargs -0 -r sha256sum").stdout();
    }

    /**
     * Saves real zfs output under {@code <results>/captured/zfs/} (the results share in the guest), so parser
     * fixtures in zfs-component can be compared with what OpenZFS really prints.
     */
    static void capture(String name, String content) {
        String results = System.getenv("ZPT_RESULTS");
        Path dir = Path.of(results != null ? results : "/mnt/results", "captured", "zfs");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("(could not save capture " + name + ": " + e.getMessage() + ")");
        }
    }
}
