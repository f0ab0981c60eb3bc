package io.zreplcamel.platformtest.snap;

import ch.qos.logback.classic.Level;
import io.zreplcamel.platformtest.TestPools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** The working directory of a test that runs the daemon in this JVM: hook scripts, config, logs. */
public final class DaemonWorkDir {

    private DaemonWorkDir() {
    }

    /**
     * A new directory on the scratch disk (not in a pool, whose datasets the files would change). Also turns
     * Camel's start/stop chatter down to WARN, which would otherwise bury the test feed; the job's own one line per
     * run stays.
     */
    public static Path create(String prefix) throws IOException {
        Path work = Files.createTempDirectory(Files.createDirectories(TestPools.scratch()), prefix);
        if (LoggerFactory.getLogger("org.apache.camel") instanceof ch.qos.logback.classic.Logger camel) {
            camel.setLevel(Level.WARN);
        }
        return work;
    }

    /** An executable script {@code name} in {@code work}: the interpreter line, then {@code body}. */
    static Path script(Path work, String name, String interpreter, String body) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, "#!" + interpreter + "\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    public static void delete(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
