package io.zreplcamel.config.view;

import io.zreplcamel.config.ZreplConfig;
import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.global.Global;
import io.zreplcamel.config.model.global.LoggingOutlet;
import io.zreplcamel.config.model.global.Monitoring;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.Serve;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config as a plain tree ({@link Map}s in config key order, {@link List}s, strings, numbers, booleans, nulls)
 * with every default filled in: what {@code configcheck --json} prints. Keys are zrepl's config keys; durations are
 * seconds (fractional when needed), sizes and bandwidth limits bytes ({@code -1} = unlimited), paths absolute.
 */
public final class EffectiveConfig {

    private EffectiveConfig() {
    }

    /** {@code files}, {@code global}, {@code jobs} and {@code warnings}. */
    public static Map<String, Object> all(ZreplConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", config.files().stream().map(Path::toString).toList());
        m.put("global", global(config.global()));
        m.put("jobs", jobs(config));
        m.put("warnings", config.warnings().stream().map(Object::toString).toList());
        return m;
    }

    public static List<Object> jobs(ZreplConfig config) {
        return config.jobs().stream().<Object>map(EffectiveConfig::job).toList();
    }

    public static Map<String, Object> global(Global g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logging", g.logging().stream().map(EffectiveConfig::outlet).toList());
        m.put("monitoring", g.monitoring().stream().map(EffectiveConfig::monitoring).toList());
        m.put("control", map("sockpath", g.controlSockpath().toString()));
        m.put("serve", map("stdinserver", map("sockdir", g.stdinserverSockdir().toString())));
        return m;
    }

    public static Map<String, Object> job(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", job.name());
        m.put("type", job.type());
        if (job instanceof SnapJob j) {
            m.put("filesystems", filter(j.filesystems()));
            m.put("snapshotting", snapshotting(j.snapshotting()));
            Map<String, Object> pruning = new LinkedHashMap<>();
            pruning.put("keep", rules(j.keep()));
            pruning.put(Pruning.PROTECT_NEWEST_KEY, j.protectNewest());
            m.put("pruning", pruning);
        } else if (job instanceof PushJob j) {
            m.put("connect", connect(j.connect()));
            m.put("filesystems", filter(j.filesystems()));
            m.put("snapshotting", snapshotting(j.snapshotting()));
            m.put("send", send(j.send()));
            active(m, j.pruning(), j.replication(), j.initialReplication());
        } else if (job instanceof PullJob j) {
            m.put("connect", connect(j.connect()));
            m.put("root_fs", j.rootFs());
            m.put("interval", j.interval().every().<Object>map(EffectiveConfig::seconds).orElse("manual"));
            m.put("recv", recv(j.recv()));
            active(m, j.pruning(), j.replication(), j.initialReplication());
        } else if (job instanceof SinkJob j) {
            m.put("serve", serve(j.serve()));
            m.put("root_fs", j.rootFs());
            m.put("recv", recv(j.recv()));
        } else if (job instanceof SourceJob j) {
            m.put("serve", serve(j.serve()));
            m.put("filesystems", filter(j.filesystems()));
            m.put("snapshotting", snapshotting(j.snapshotting()));
            m.put("send", send(j.send()));
        }
        return m;
    }

    private static void active(Map<String, Object> m, Pruning pruning, Replication r, InitialReplication initial) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("keep_sender", rules(pruning.keepSender()));
        p.put("keep_receiver", rules(pruning.keepReceiver()));
        p.put(Pruning.PROTECT_NEWEST_KEY, pruning.protectNewest());
        m.put("pruning", p);
        Map<String, Object> protection = new LinkedHashMap<>();
        protection.put("initial", r.initialProtection().configName());
        protection.put("incremental", r.incrementalProtection().configName());
        Map<String, Object> concurrency = new LinkedHashMap<>();
        concurrency.put("steps", r.concurrentSteps());
        concurrency.put("size_estimates", r.concurrentSizeEstimates());
        Map<String, Object> replication = new LinkedHashMap<>();
        replication.put("protection", protection);
        replication.put("concurrency", concurrency);
        replication.put(Replication.RESUME_KEY, map(Replication.ABORT_STALE_TOKEN_KEY, r.abortStaleResumeToken()));
        m.put("replication", replication);
        m.put("conflict_resolution", map("initial_replication", initial.configName()));
    }

    private static Map<String, Object> filter(FilesystemFilter f) {
        return new LinkedHashMap<>(f.asMap());
    }

    private static Map<String, Object> snapshotting(Snapshotting s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", s.type());
        if (s instanceof Snapshotting.Periodic p) {
            m.put("prefix", p.prefix());
            m.put("interval", seconds(p.interval()));
            m.put("timestamp_format", p.timestampFormat().formatString());
            m.put("timestamp_location", p.timestampFormat().location());
            m.put("hooks", p.hooks().stream().map(EffectiveConfig::hook).toList());
            m.put("atomic", p.atomic());
        } else if (s instanceof Snapshotting.Cron c) {
            m.put("prefix", c.prefix());
            m.put("cron", c.cron().spec());
            m.put("timestamp_format", c.timestampFormat().formatString());
            m.put("timestamp_location", c.timestampFormat().location());
            m.put("hooks", c.hooks().stream().map(EffectiveConfig::hook).toList());
            m.put("atomic", c.atomic());
        }
        return m;
    }

    private static Map<String, Object> hook(Hook h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", h.type());
        if (h instanceof Hook.Command c) {
            m.put("path", c.path());
        }
        m.put("timeout", seconds(h.timeout()));
        m.put("filesystems", filter(h.filesystems()));
        m.put("err_is_fatal", h.errIsFatal());
        return m;
    }

    private static List<Object> rules(List<KeepRule> rules) {
        List<Object> out = new ArrayList<>();
        for (KeepRule r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", r.type());
            if (r instanceof KeepRule.NotReplicated n) {
                m.put("keep_snapshot_at_cursor", n.keepSnapshotAtCursor());
            } else if (r instanceof KeepRule.LastN n) {
                m.put("count", n.count());
                m.put("regex", n.regex().source());
            } else if (r instanceof KeepRule.Regex x) {
                m.put("regex", x.regex().source());
                m.put("negate", x.negate());
            } else if (r instanceof KeepRule.Grid g) {
                m.put("grid", g.grid().toString());
                m.put("regex", g.regex().source());
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> connect(Connect c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", c.type());
        if (c instanceof Connect.Tcp t) {
            m.put("address", t.address().toString());
        } else if (c instanceof Connect.Tls t) {
            m.put("address", t.address().toString());
            m.put("ca", t.ca().toString());
            m.put("cert", t.cert().toString());
            m.put("key", t.key().toString());
            m.put("server_cn", t.serverCn());
        } else if (c instanceof Connect.SshStdinserver s) {
            m.put("host", s.host());
            m.put("user", s.user());
            m.put("port", s.port());
            m.put("identity_file", s.identityFile().toString());
            m.put("options", s.options());
            m.put("ssh_command", s.sshCommand().orElse(null));
            m.put("transport_open_command", s.transportOpenCommand());
        } else if (c instanceof Connect.SshZfs s) {
            m.put("host", s.host());
            m.put("user", s.user());
            m.put("port", s.port());
            m.put("identity_file", s.identityFile().toString());
            m.put("options", s.options());
            m.put("root_fs", s.rootFs());
            m.put("recv", recv(s.recv()));
        } else if (c instanceof Connect.Local l) {
            m.put("listener_name", l.listenerName());
            m.put("client_identity", l.clientIdentity());
        }
        m.put("dial_timeout", seconds(c.dialTimeout()));
        return m;
    }

    private static Map<String, Object> serve(Serve s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", s.type());
        if (s instanceof Serve.Tcp t) {
            m.put("listen", t.listen().toString());
            m.put("listen_freebind", t.listenFreebind());
            m.put("clients", new LinkedHashMap<String, Object>(t.clients()));
        } else if (s instanceof Serve.Tls t) {
            m.put("listen", t.listen().toString());
            m.put("listen_freebind", t.listenFreebind());
            m.put("ca", t.ca().toString());
            m.put("cert", t.cert().toString());
            m.put("key", t.key().toString());
            m.put("client_cns", t.clientCns());
            m.put("handshake_timeout", seconds(t.handshakeTimeout()));
        } else if (s instanceof Serve.Stdinserver st) {
            m.put("client_identities", st.clientIdentities());
        } else if (s instanceof Serve.Local l) {
            m.put("listener_name", l.listenerName());
        }
        return m;
    }

    private static Map<String, Object> send(SendOptions s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("encrypted", s.encrypted());
        m.put("raw", s.raw());
        m.put("send_properties", s.sendProperties());
        m.put("backup_properties", s.backupProperties());
        m.put("large_blocks", s.largeBlocks());
        m.put("compressed", s.compressed());
        m.put("embedded_data", s.embeddedData());
        m.put("saved", s.saved());
        m.put("bandwidth_limit", bandwidth(s.bandwidthLimit()));
        return m;
    }

    private static Map<String, Object> recv(RecvOptions r) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("inherit", r.inheritProperties());
        props.put("override", new LinkedHashMap<String, Object>(r.overrideProperties()));
        m.put("properties", props);
        m.put("bandwidth_limit", bandwidth(r.bandwidthLimit()));
        m.put("placeholder", map("encryption", r.placeholderEncryption().configName()));
        return m;
    }

    private static Map<String, Object> bandwidth(BandwidthLimit b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max", b.maxBytesPerSecond());
        m.put("bucket_capacity", b.bucketCapacityBytes());
        return m;
    }

    private static Map<String, Object> outlet(LoggingOutlet o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", o.type());
        m.put("level", o.level().configName());
        m.put("format", o.format().configName());
        if (o instanceof LoggingOutlet.Stdout s) {
            m.put("time", s.time());
            m.put("color", s.color());
        } else if (o instanceof LoggingOutlet.Syslog s) {
            m.put("facility", s.facility().configName());
            m.put("retry_interval", seconds(s.retryInterval()));
        } else if (o instanceof LoggingOutlet.Tcp t) {
            m.put("address", t.address().toString());
            m.put("net", t.net());
            m.put("retry_interval", seconds(t.retryInterval()));
            m.put("tls", t.tls().map(f -> {
                Map<String, Object> tls = new LinkedHashMap<>();
                tls.put("ca", f.ca().toString());
                tls.put("cert", f.cert().toString());
                tls.put("key", f.key().toString());
                return (Object) tls;
            }).orElse(null));
        }
        return m;
    }

    private static Map<String, Object> monitoring(Monitoring mon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", mon.type());
        if (mon instanceof Monitoring.Prometheus p) {
            m.put("listen", p.listen().toString());
            m.put("listen_freebind", p.listenFreebind());
        }
        return m;
    }

    /** Whole seconds as a long, otherwise a decimal number of seconds. */
    static Number seconds(Duration d) {
        if (d.getNano() == 0) {
            return d.getSeconds();
        }
        return new BigDecimal(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros();
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
