package io.zreplcamel.transport.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ssh command line of an {@code ssh+stdinserver} connect:
 * {@code ssh -p <port> -T -i <identity_file> -l <user> -o BatchMode=yes [-o <option>]... <host> zrepl-camel
 * stdinserver}. The system {@code ssh} is used, so the user's {@code ssh_config} (ProxyJump, known hosts, ciphers)
 * applies as for any other ssh. {@code BatchMode} comes before the configured options because ssh takes the first
 * value of an option: a daemon must never wait for a password prompt. The remote command is only a placeholder
 * (the forced command of the key in {@code authorized_keys} replaces it); should the key have no forced command,
 * it makes the remote side fail with a usage message instead of starting a shell.
 *
 * @param ssh the binary ({@code ssh_command}, default {@code ssh} from the PATH)
 */
public record SshCommand(String ssh, String host, String user, int port, Path identityFile, List<String> options) {

    public static final String REMOTE_COMMAND = "zrepl-camel stdinserver";

    public SshCommand {
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        options = List.copyOf(options);
        // ssh would read a host or user starting with '-' as an option
        if (host.isEmpty() || host.startsWith("-")) {
            throw new IllegalArgumentException("ssh host \"" + host + "\" must not be empty or start with '-'");
        }
        if (user.isEmpty() || user.startsWith("-")) {
            throw new IllegalArgumentException("ssh user \"" + user + "\" must not be empty or start with '-'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ssh port " + port + " is not in 1..65535");
        }
    }

    /** The arguments of the process, the binary first. */
    public List<String> argv() {
        List<String> a = new ArrayList<>(List.of(ssh, "-p", Integer.toString(port), "-T", "-i",
                identityFile.toString(), "-l", user, "-o", "BatchMode=yes"));
        for (String o : options) {
            a.add("-o");
            a.add(o);
        }
        a.add(host);
        a.add(REMOTE_COMMAND);
        return a;
    }

    /** For log lines: {@code ssh+stdinserver root@backup.example:22}. */
    public String describe() {
        return "ssh+stdinserver " + user + "@" + host + ":" + port;
    }
}
