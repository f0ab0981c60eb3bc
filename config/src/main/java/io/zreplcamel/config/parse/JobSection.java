package io.zreplcamel.config.parse;

import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.PullInterval;
import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.Serve;
import io.zreplcamel.config.names.JobNames;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.values.ZreplDuration;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.Unimplemented;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** One entry of {@code jobs} (zrepl §3). */
final class JobSection {

    private final FileContext file;
    private final TransportSection transport;

    JobSection(FileContext file) {
        this.file = file;
        this.transport = new TransportSection(file);
    }

    ParsedJob job(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String name = name(m);
        String type = Sections.type(m, List.of("snap", "push", "pull", "sink", "source"));
        ParsedJob result = null;
        if (type != null) {
            result = switch (type) {
                case "snap" -> snap(m, name);
                case "push" -> push(m, name);
                case "pull" -> pull(m, name);
                case "sink" -> sink(m, name);
                case "source" -> source(m, name);
                default -> throw new AssertionError(type);
            };
        }
        m.finish();
        reportUnimplemented(m, name, type);
        return result;
    }

    private void reportUnimplemented(YamlMap m, String name, String type) {
        Unimplemented u = file.options().unimplemented();
        if (type == null || !u.jobTypes().contains(type)) {
            return;
        }
        String message = "job " + (name == null ? "(unnamed)" : name) + ": type " + type
                + " is not implemented yet by zrepl-camel; this job would not run"
                + (m.has("connect") ? " (nor its connect section)" : m.has("serve") ? " (nor its serve section)" : "");
        Where at = m.where().key("type");
        if (u.jobTypesAreErrors()) {
            at.error(m.locate("type"), message);
        } else {
            at.warning(m.locate("type"), message);
        }
    }

    private String name(YamlMap m) {
        String name = m.requiredString("name");
        if (name == null) {
            return null;
        }
        return JobNames.problem(name).map(p -> {
            m.where().key("name").error(m.locate("name"), p);
            return (String) null;
        }).orElse(name);
    }

    private ParsedJob snap(YamlMap m, String name) {
        FilesystemFilter filesystems = FilterSection.filter(m, "filesystems", true);
        Snapshotting snapshotting = SnapshottingSection.snapshotting(m);
        List<KeepRule> keep = null;
        Boolean protectNewest = null;
        YamlMap pruning = m.map("pruning", true);
        if (pruning != null) {
            keep = PruningSection.rules(pruning, "keep", true);
            protectNewest = PruningSection.protectNewest(pruning);
            pruning.finish();
        }
        return Values.allPresent(name, filesystems, snapshotting, keep, protectNewest)
                ? located(m, new SnapJob(name, filesystems, snapshotting, keep, protectNewest)) : null;
    }

    private ParsedJob push(YamlMap m, String name) {
        Connect connect = connect(m);
        FilesystemFilter filesystems = FilterSection.filter(m, "filesystems", true);
        Snapshotting snapshotting = SnapshottingSection.snapshotting(m);
        SendOptions send = SendRecvSection.send(m);
        Pruning pruning = senderReceiverPruning(m);
        Replication replication = SendRecvSection.replication(m);
        InitialReplication initial = SendRecvSection.initialReplication(m);
        return Values.allPresent(name, connect, filesystems, snapshotting, send, pruning, replication, initial)
                ? located(m, new PushJob(name, connect, filesystems, snapshotting, send, pruning, replication,
                initial)) : null;
    }

    private ParsedJob pull(YamlMap m, String name) {
        Connect connect = connect(m);
        if (connect instanceof Connect.SshZfs) {
            // a pull would need a sender on the far side: holds, cursor bookmarks and zfs send there, not built yet
            m.where().key("connect").key("type").error(YamlMap.of(m.where().key("connect"), m.value("connect"))
                    .locate("type"), "connect type ssh+zfs is for push jobs (the far side runs no daemon and"
                    + " zrepl-camel receives there with zfs commands); a pull job needs a source job on the far side");
            connect = null;
        }
        String rootFs = rootFs(m);
        PullInterval interval = m.parsed("interval", null, JobSection::pullInterval);
        RecvOptions recv = SendRecvSection.recv(m);
        Pruning pruning = senderReceiverPruning(m);
        Replication replication = SendRecvSection.replication(m);
        InitialReplication initial = SendRecvSection.initialReplication(m);
        return Values.allPresent(name, connect, rootFs, interval, recv, pruning, replication, initial)
                ? located(m, new PullJob(name, connect, rootFs, interval, recv, pruning, replication, initial))
                : null;
    }

    private ParsedJob sink(YamlMap m, String name) {
        Serve serve = serve(m);
        String rootFs = rootFs(m);
        RecvOptions recv = SendRecvSection.recv(m);
        return Values.allPresent(name, serve, rootFs, recv)
                ? located(m, new SinkJob(name, serve, rootFs, recv)) : null;
    }

    private ParsedJob source(YamlMap m, String name) {
        Serve serve = serve(m);
        FilesystemFilter filesystems = FilterSection.filter(m, "filesystems", true);
        Snapshotting snapshotting = SnapshottingSection.snapshotting(m);
        SendOptions send = SendRecvSection.send(m);
        return Values.allPresent(name, serve, filesystems, snapshotting, send)
                ? located(m, new SourceJob(name, serve, filesystems, snapshotting, send)) : null;
    }

    private ParsedJob located(YamlMap m, io.zreplcamel.config.model.Job job) {
        Node connectOrServe = m.has("connect") ? m.value("connect") : m.value("serve");
        return new ParsedJob(job, file.file(), m.locate("name"), m.has("root_fs") ? m.locate("root_fs") : null,
                connectOrServe);
    }

    private Connect connect(YamlMap m) {
        Node n = m.value("connect");
        if (n == null) {
            m.missing("connect");
            return null;
        }
        return transport.connect(m.where().key("connect"), n);
    }

    private Serve serve(YamlMap m) {
        Node n = m.value("serve");
        if (n == null) {
            m.missing("serve");
            return null;
        }
        return transport.serve(m.where().key("serve"), n);
    }

    /** {@code root_fs} of {@code m}: required, a valid filesystem path (also an {@code ssh+zfs} connect's). */
    static String rootFs(YamlMap m) {
        String rootFs = m.requiredString("root_fs");
        if (rootFs == null) {
            return null;
        }
        return ZfsNames.datasetPathProblem(rootFs).map(p -> {
            m.where().key("root_fs").error(m.locate("root_fs"), "root_fs \"" + rootFs
                    + "\" is not a valid ZFS filesystem path: " + p);
            return (String) null;
        }).orElse(rootFs);
    }

    private static Pruning senderReceiverPruning(YamlMap m) {
        YamlMap pruning = m.map("pruning", true);
        if (pruning == null) {
            return null;
        }
        List<KeepRule> sender = PruningSection.rules(pruning, "keep_sender", false);
        List<KeepRule> receiver = PruningSection.rules(pruning, "keep_receiver", false);
        Boolean protectNewest = PruningSection.protectNewest(pruning);
        pruning.finish();
        return Values.allPresent(sender, receiver, protectNewest)
                ? new Pruning(sender, receiver, protectNewest) : null;
    }

    private static PullInterval pullInterval(String text) {
        if (text.equals("manual")) {
            return PullInterval.manual();
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty (a duration such as 10m, or manual)");
        }
        return PullInterval.of(ZreplDuration.parsePositive(text));
    }
}
