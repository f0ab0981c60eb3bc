package io.zreplcamel.platformtest.ssh;

import io.zreplcamel.app.cli.ZreplCamelCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code zrepl-camel} launcher for the guest: the repository's {@code zrepl-camel} script needs the shaded jar,
 * which the platform tests' class path does not have, so this writes the same thing over that class path (every
 * jar beside the routes jar in {@code platformtest/target/lib}): {@code java ... ZreplCamelCli "$@"}. sshd runs it
 * as the forced command, and the sink daemon is started with it, exactly as an admin would.
 */
final class Launcher {

    private Launcher() {
    }

    static Path write(Path dir) throws IOException {
        Path lib;
        try {
            lib = Path.of(ZreplCamelCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = dir.resolve("zrepl-camel");
        Files.writeString(script, """
                #!/bin/sh
                exec '%s' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -cp '%s/*' %s "$@"
                """.formatted(java, lib, ZreplCamelCli.class.getName()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
