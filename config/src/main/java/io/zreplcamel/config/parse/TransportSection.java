package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.HostPort;
import io.zreplcamel.config.model.transport.Serve;
import io.zreplcamel.config.Unimplemented;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code connect} and {@code serve} (zrepl §12). */
final class TransportSection {

    private static final String LONGEST_IPV6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    private static final String LONGEST_ZONE = "i".repeat(16); // IFNAMSIZ

    private final FileContext file;

    TransportSection(FileContext file) {
        this.file = file;
    }

    Connect connect(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("tcp", "tls", "ssh+stdinserver", "ssh+zfs", "local"));
        Connect result = null;
        if (type != null) {
            result = switch (type) {
                case "tcp" -> {
                    HostPort address = hostPort(m, "address");
                    Duration dial = Values.goDurationZeroOrPositive(m, "dial_timeout", "10s");
                    yield Values.allPresent(address, dial) ? new Connect.Tcp(address, dial) : null;
                }
                case "tls" -> {
                    HostPort address = hostPort(m, "address");
                    Path ca = certificate(m, "ca");
                    Path cert = certificate(m, "cert");
                    Path key = privateKey(m, "key");
                    String serverCn = m.requiredString("server_cn");
                    Duration dial = Values.goDurationZeroOrPositive(m, "dial_timeout", "10s");
                    yield Values.allPresent(address, ca, cert, key, serverCn, dial)
                            ? new Connect.Tls(address, ca, cert, key, serverCn, dial) : null;
                }
                case "ssh+stdinserver" -> {
                    String host = m.requiredString("host");
                    String user = m.requiredString("user");
                    Long port = m.integer("port", null, 1, 65535);
                    String identityFile = m.requiredString("identity_file");
                    List<String> options = Values.strings(m, "options", false, Values::noCheck);
                    String sshCommand = m.string("ssh_command", null);
                    List<String> openCommand = Values.strings(m, "transport_open_command", false,
                            Values::noCheck);
                    Duration dial = Values.goDurationZeroOrPositive(m, "dial_timeout", "10s");
                    yield Values.allPresent(host, user, port, identityFile, options, openCommand, dial)
                            ? new Connect.SshStdinserver(host, user, port.intValue(), file.resolve(identityFile),
                            options, Optional.ofNullable(sshCommand).filter(s -> !s.isEmpty()), openCommand, dial)
                            : null;
                }
                case "ssh+zfs" -> {
                    String host = m.requiredString("host");
                    String user = m.requiredString("user");
                    Long port = m.integer("port", 22L, 1, 65535);
                    String identityFile = m.requiredString("identity_file");
                    List<String> options = Values.strings(m, "options", false, Values::noCheck);
                    String rootFs = JobSection.rootFs(m); // a dataset on the far side
                    RecvOptions recv = SendRecvSection.recv(m);
                    Duration dial = Values.goDurationZeroOrPositive(m, "dial_timeout", "10s");
                    yield Values.allPresent(host, user, port, identityFile, options, rootFs, recv, dial)
                            ? new Connect.SshZfs(host, user, port.intValue(), file.resolve(identityFile), options,
                            rootFs, recv, dial) : null;
                }
                case "local" -> {
                    String listener = m.requiredString("listener_name");
                    String identity = Values.identity(m, "client_identity", "client identity");
                    Duration dial = Values.goDurationZeroOrPositive(m, "dial_timeout", "2s");
                    yield Values.allPresent(listener, identity, dial)
                            ? new Connect.Local(listener, identity, dial) : null;
                }
                default -> throw new AssertionError(type);
            };
        }
        m.finish();
        reportUnimplemented(m, "connect", type);
        return result;
    }

    Serve serve(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("tcp", "tls", "stdinserver", "local"));
        Serve result = null;
        if (type != null) {
            result = switch (type) {
                case "tcp" -> {
                    HostPort listen = hostPort(m, "listen");
                    Boolean freebind = m.bool("listen_freebind", false);
                    Map<String, String> clients = tcpClients(m);
                    yield Values.allPresent(listen, freebind, clients)
                            ? new Serve.Tcp(listen, freebind, clients) : null;
                }
                case "tls" -> {
                    HostPort listen = hostPort(m, "listen");
                    Boolean freebind = m.bool("listen_freebind", false);
                    Path ca = certificate(m, "ca");
                    Path cert = certificate(m, "cert");
                    Path key = privateKey(m, "key");
                    List<String> cns = Values.strings(m, "client_cns", true, cn -> ZfsNames.componentProblem(cn)
                            .map(p -> "client CN \"" + cn + "\" cannot be a client identity: " + p).orElse(null));
                    Duration handshake = Values.goDurationZeroOrPositive(m, "handshake_timeout", "10s");
                    yield Values.allPresent(listen, freebind, ca, cert, key, cns, handshake)
                            ? new Serve.Tls(listen, freebind, ca, cert, key, cns, handshake) : null;
                }
                case "stdinserver" -> {
                    List<String> ids = Values.strings(m, "client_identities", true, id -> ZfsNames
                            .componentProblem(id).map(p -> "client identity \"" + id + "\" " + p).orElse(null));
                    yield ids == null ? null : new Serve.Stdinserver(ids);
                }
                case "local" -> {
                    String listener = m.requiredString("listener_name");
                    yield listener == null ? null : new Serve.Local(listener);
                }
                default -> throw new AssertionError(type);
            };
        }
        m.finish();
        reportUnimplemented(m, "serve", type);
        return result;
    }

    /** A transport the loading program cannot run, at its {@code type} value (see {@link Unimplemented}). */
    private void reportUnimplemented(YamlMap m, String section, String type) {
        Unimplemented u = file.options().unimplemented();
        if (type == null || !u.transportTypes().contains(type)) {
            return;
        }
        String message = section + " type " + type + ": transport " + type + " is not implemented yet by zrepl-camel"
                + " (local, tcp, tls and ssh+stdinserver are); this job would not run";
        Where at = m.where().key("type");
        if (u.jobTypesAreErrors()) {
            at.error(m.locate("type"), message);
        } else {
            at.warning(m.locate("type"), message);
        }
    }

    static HostPort hostPort(YamlMap m, String key) {
        String text = m.requiredString(key);
        if (text == null) {
            return null;
        }
        Optional<String> problem = HostPort.problem(text);
        if (problem.isPresent()) {
            m.where().key(key).error(m.locate(key), problem.get());
            return null;
        }
        return HostPort.parse(text);
    }

    Path certificate(YamlMap m, String key) {
        return checkedFile(m, key, CertificateFiles::certificateProblem);
    }

    Path privateKey(YamlMap m, String key) {
        return checkedFile(m, key, CertificateFiles::privateKeyProblem);
    }

    private Path checkedFile(YamlMap m, String key, java.util.function.Function<Path, String> check) {
        String text = m.requiredString(key);
        if (text == null) {
            return null;
        }
        Path path = file.resolve(text);
        if (!file.options().skipCertCheck()) {
            String problem = check.apply(path);
            if (problem != null) {
                m.where().key(key).error(m.locate(key), problem);
                return null;
            }
        }
        return path;
    }

    /** {@code clients}: IP or CIDR (optional %zone) → identity; CIDR identities contain exactly one '*'. */
    private static Map<String, String> tcpClients(YamlMap m) {
        YamlMap clients = m.map("clients", true);
        if (clients == null) {
            return null;
        }
        Where where = m.where().key("clients");
        if (clients.entries().isEmpty()) {
            where.error(clients.node(), "must not be empty");
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YamlMap.Entry> e : clients.entries().entrySet()) {
            String address = e.getKey();
            String identity = YamlNodes.string(where.key(address), e.getValue().value());
            if (identity == null) {
                ok = false;
                continue;
            }
            String problem = clientProblem(address, identity);
            if (problem != null) {
                where.error(e.getValue().key(), problem);
                ok = false;
                continue;
            }
            out.put(address, identity);
        }
        clients.finish();
        return ok ? out : null;
    }

    static String clientProblem(String address, String identity) {
        String ip = address;
        String zone = "";
        int percent = address.indexOf('%');
        if (percent >= 0) {
            ip = address.substring(0, percent);
            zone = address.substring(percent + 1);
            if (zone.isEmpty()) {
                return "client \"" + address + "\": empty zone after '%'";
            }
        }
        if (ip.contains("/")) {
            String cidrProblem = IpLiterals.cidrProblem(ip);
            if (cidrProblem != null) {
                return "client \"" + address + "\" is not a valid CIDR: " + cidrProblem;
            }
            long stars = identity.chars().filter(c -> c == '*').count();
            if (stars != 1) {
                return "client \"" + address + "\" is a CIDR, so its identity \"" + identity
                        + "\" must contain exactly one '*' (replaced by the client's IP)";
            }
            String longest = identity.replace("*", LONGEST_IPV6 + "-" + LONGEST_ZONE);
            return ZfsNames.componentProblem(longest)
                    .map(p -> "client \"" + address + "\": identity \"" + identity + "\" with an IP filled in "
                            + p).orElse(null);
        }
        if (!IpLiterals.isIpv4(ip) && !IpLiterals.isIpv6(ip)) {
            return "client \"" + address + "\" is not an IP address or CIDR";
        }
        if (identity.contains("*")) {
            return "client \"" + address + "\" is a single IP, so its identity \"" + identity
                    + "\" must not contain the '*' placeholder (only CIDRs use it)";
        }
        return ZfsNames.componentProblem(identity)
                .map(p -> "client \"" + address + "\": identity \"" + identity + "\" " + p).orElse(null);
    }
}
