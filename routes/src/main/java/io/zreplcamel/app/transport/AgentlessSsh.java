package io.zreplcamel.app.transport;

import io.zreplcamel.config.model.transport.Connect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote shell of an {@code ssh+zfs} connect (docs/agentless.md): the system {@code ssh}, so that the admin's
 * {@code ssh_config}, known hosts and agent apply as for any ssh they run, with what an unattended daemon needs:
 * no prompts ({@code BatchMode}), the dial timeout, keep-alives so a dead link fails a command within ~30 s instead
 * of hanging it, and one multiplexed connection per host ({@code ControlMaster}) so that the many short zfs
 * commands of a run do not each pay for an ssh handshake. The control sockets live in a directory of this
 * process's own (0700, random name), since a socket another user could place at a guessable path would be used
 * as the master.
 */
public final class AgentlessSsh {

    private static Path controlDir;

    private AgentlessSsh() {
    }

    /** {@code ssh [options] host}: a command line is appended per zfs command. */
    public static List<String> shell(Connect.SshZfs ssh) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes",
                "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3",
                "-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDir().resolve("%C"),
                "-o", "ControlPersist=60"));
        if (!ssh.dialTimeout().isZero()) {
            argv.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, ssh.dialTimeout().toSeconds())));
        }
        argv.addAll(List.of("-i", ssh.identityFile().toString(), "-p", Integer.toString(ssh.port()),
                "-l", ssh.user()));
        for (String option : ssh.options()) {
            argv.addAll(List.of("-o", option));
        }
        argv.add(ssh.host());
        return argv;
    }

    private static synchronized Path controlDir() {
        if (controlDir == null) {
            try {
                controlDir = Files.createTempDirectory("zrepl-ssh-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a private directory for ssh control sockets: "
                        + e.getMessage(), e);
            }
        }
        return controlDir;
    }
}
