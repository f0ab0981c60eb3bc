package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.global.Global;
import io.zreplcamel.config.model.global.LogFormat;
import io.zreplcamel.config.model.global.LogLevel;
import io.zreplcamel.config.model.global.LoggingOutlet;
import io.zreplcamel.config.model.global.Monitoring;
import io.zreplcamel.config.model.global.SyslogFacility;
import io.zreplcamel.config.model.transport.HostPort;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code global} (zrepl §2.3, §16, §17). */
final class GlobalSection {

    private static final List<String> NETWORKS = List.of("tcp", "tcp4", "tcp6", "udp", "udp4", "udp6");

    private final FileContext file;
    private final TransportSection transport;

    GlobalSection(FileContext file) {
        this.file = file;
        this.transport = new TransportSection(file);
    }

    Global global(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        List<LoggingOutlet> logging = logging(m);
        List<Monitoring> monitoring = monitoring(m);
        Path sockpath = Global.DEFAULT_CONTROL_SOCKPATH;
        YamlMap control = m.map("control", false);
        if (control != null) {
            String s = control.string("sockpath", Global.DEFAULT_CONTROL_SOCKPATH.toString());
            sockpath = nonEmptyPath(control, "sockpath", s);
            control.finish();
        }
        Path sockdir = Global.DEFAULT_STDINSERVER_SOCKDIR;
        YamlMap serve = m.map("serve", false);
        if (serve != null) {
            YamlMap stdinserver = serve.map("stdinserver", false);
            if (stdinserver != null) {
                String s = stdinserver.string("sockdir", Global.DEFAULT_STDINSERVER_SOCKDIR.toString());
                sockdir = nonEmptyPath(stdinserver, "sockdir", s);
                stdinserver.finish();
            }
            serve.finish();
        }
        m.finish();
        file.options().unimplemented().globalKeys().forEach((key, consequence) -> {
            if (m.has(key)) {
                m.where().key(key).warning(m.locateKey(key), "not honoured by zrepl-camel yet, ignored: " + consequence);
            }
        });
        return Values.allPresent(logging, monitoring, sockpath, sockdir)
                ? new Global(logging, monitoring, sockpath, sockdir) : null;
    }

    private Path nonEmptyPath(YamlMap m, String key, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            m.where().key(key).error(m.locate(key), "must not be empty");
            return null;
        }
        return file.resolve(value);
    }

    private List<LoggingOutlet> logging(YamlMap global) {
        List<Node> nodes = global.list("logging", false);
        if (nodes == null) {
            return global.has("logging") ? null : Global.DEFAULT_LOGGING;
        }
        List<LoggingOutlet> outlets = new ArrayList<>();
        boolean ok = true;
        Node firstStdout = null;
        Node firstSyslog = null;
        for (int i = 0; i < nodes.size(); i++) {
            Where where = global.where().key("logging").index(i);
            LoggingOutlet outlet = outlet(where, nodes.get(i));
            if (outlet == null) {
                ok = false;
                continue;
            }
            if (outlet instanceof LoggingOutlet.Stdout) {
                if (firstStdout != null) {
                    where.error(nodes.get(i), "can only define one 'stdout' outlet (first at line "
                            + line(firstStdout) + ")");
                    ok = false;
                }
                firstStdout = nodes.get(i);
            }
            if (outlet instanceof LoggingOutlet.Syslog) {
                if (firstSyslog != null) {
                    where.error(nodes.get(i), "can only define one 'syslog' outlet (first at line "
                            + line(firstSyslog) + ")");
                    ok = false;
                }
                firstSyslog = nodes.get(i);
            }
            outlets.add(outlet);
        }
        return ok ? outlets : null;
    }

    private LoggingOutlet outlet(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("stdout", "syslog", "tcp"));
        LoggingOutlet result = null;
        if (type != null) {
            LogLevel level = m.choice("level", Sections.choices(LogLevel.values(), LogLevel::configName),
                    null);
            LogFormat format = m.choice("format", Sections.choices(LogFormat.values(),
                    LogFormat::configName), null);
            result = switch (type) {
                case "stdout" -> {
                    Boolean time = m.bool("time", true);
                    Boolean color = m.bool("color", true);
                    yield Values.allPresent(level, format, time, color)
                            ? new LoggingOutlet.Stdout(level, format, time, color) : null;
                }
                case "syslog" -> {
                    SyslogFacility facility = m.choice("facility", Sections.choices(SyslogFacility.values(),
                            SyslogFacility::configName), SyslogFacility.LOCAL0);
                    Duration retry = Values.goDurationPositive(m, "retry_interval", "10s");
                    yield Values.allPresent(level, format, facility, retry)
                            ? new LoggingOutlet.Syslog(level, format, facility, retry) : null;
                }
                case "tcp" -> {
                    HostPort address = TransportSection.hostPort(m, "address");
                    String net = m.choice("net", Sections.choices(NETWORKS.toArray(String[]::new), s -> s),
                            "tcp");
                    Duration retry = Values.goDurationPositive(m, "retry_interval", "10s");
                    Optional<LoggingOutlet.TlsFiles> tls = Optional.empty();
                    boolean tlsOk = true;
                    YamlMap t = m.map("tls", false);
                    if (t != null) {
                        Path ca = transport.certificate(t, "ca");
                        Path cert = transport.certificate(t, "cert");
                        Path key = transport.privateKey(t, "key");
                        t.finish();
                        tlsOk = Values.allPresent(ca, cert, key);
                        tls = tlsOk ? Optional.of(new LoggingOutlet.TlsFiles(ca, cert, key)) : Optional.empty();
                    } else if (m.has("tls")) {
                        tlsOk = false;
                    }
                    yield tlsOk && Values.allPresent(level, format, address, net, retry)
                            ? new LoggingOutlet.Tcp(level, format, address, net, retry, tls) : null;
                }
                default -> throw new AssertionError(type);
            };
        }
        m.finish();
        return result;
    }

    private List<Monitoring> monitoring(YamlMap global) {
        List<Node> nodes = global.list("monitoring", false);
        if (nodes == null) {
            return global.has("monitoring") ? null : List.of();
        }
        List<Monitoring> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            Where where = global.where().key("monitoring").index(i);
            YamlMap m = YamlMap.of(where, nodes.get(i));
            if (m == null) {
                ok = false;
                continue;
            }
            String type = Sections.type(m, List.of("prometheus"));
            if (type != null) {
                HostPort listen = TransportSection.hostPort(m, "listen");
                Boolean freebind = m.bool("listen_freebind", false);
                if (Values.allPresent(listen, freebind)) {
                    out.add(new Monitoring.Prometheus(listen, freebind));
                } else {
                    ok = false;
                }
                if (i > 0) {
                    // zrepl registers a second internal job "_prometheus" and panics; refuse it instead
                    where.error(nodes.get(i), "only one monitoring entry is allowed (zrepl would crash on a second"
                            + " prometheus listener)");
                    ok = false;
                }
            } else {
                ok = false;
            }
            m.finish();
        }
        return ok ? out : null;
    }

    private static int line(Node n) {
        return n.getStartMark().map(mk -> mk.getLine() + 1).orElse(0);
    }
}
