package io.zreplcamel.config.parse;

import io.zreplcamel.config.cron.CronSchedule;
import io.zreplcamel.config.filter.FilesystemFilter;
import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.names.ZfsNames;
import io.zreplcamel.config.values.TimestampFormat;
import io.zreplcamel.config.values.ZreplDuration;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** {@code snapshotting} and its hooks (zrepl §5). */
final class SnapshottingSection {

    private SnapshottingSection() {
    }

    static Snapshotting snapshotting(YamlMap job) {
        YamlMap m = job.map("snapshotting", true);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("periodic", "cron", "manual"));
        Snapshotting result = null;
        if ("manual".equals(type)) {
            result = new Snapshotting.Manual();
        } else if (type != null) {
            String prefix = m.requiredString("prefix");
            Duration interval = null;
            CronSchedule cron = null;
            if (type.equals("periodic")) {
                interval = m.parsed("interval", null, ZreplDuration::parsePositive);
            } else {
                cron = m.parsed("cron", null, CronSchedule::parse);
            }
            TimestampFormat format = timestampFormat(m, prefix);
            List<Hook> hooks = hooks(m);
            Boolean atomic = m.bool("atomic", false);
            boolean ok = Values.allPresent(prefix, format, hooks, atomic);
            if (type.equals("periodic") && ok && interval != null) {
                result = new Snapshotting.Periodic(prefix, interval, format, hooks, atomic);
            } else if (type.equals("cron") && ok && cron != null) {
                result = new Snapshotting.Cron(prefix, cron, format, hooks, atomic);
            }
        }
        m.finish();
        return result;
    }

    /** The timestamp format, and the check that {@code prefix + timestamp} gives valid snapshot names. */
    private static TimestampFormat timestampFormat(YamlMap m, String prefix) {
        String format = m.string("timestamp_format", TimestampFormat.DEFAULT_FORMAT);
        String location = m.string("timestamp_location", TimestampFormat.DEFAULT_LOCATION);
        if (format == null || location == null) {
            return null;
        }
        TimestampFormat parsed;
        try {
            parsed = TimestampFormat.parse(format, location);
        } catch (IllegalArgumentException e) {
            String key = m.has("timestamp_format") || !m.has("timestamp_location")
                    ? "timestamp_format" : "timestamp_location";
            m.where().key(key).error(m.locate(key), e.getMessage());
            return null;
        }
        if (prefix == null) {
            return null;
        }
        try {
            parsed.checkSnapshotNames(prefix);
        } catch (IllegalArgumentException e) {
            // blame the prefix when it is bad by itself, else the custom format that produced the bad characters
            boolean prefixAtFault = ZfsNames.componentProblem(prefix).isPresent() || !m.has("timestamp_format");
            String key = prefixAtFault ? "prefix" : "timestamp_format";
            m.where().key(key).error(m.locate(key), e.getMessage());
            return null;
        }
        return parsed;
    }

    private static List<Hook> hooks(YamlMap m) {
        List<Node> nodes = m.list("hooks", false);
        if (nodes == null) {
            return m.has("hooks") ? null : List.of();
        }
        List<Hook> hooks = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            Hook h = hook(m.where().key("hooks").index(i), nodes.get(i));
            if (h == null) {
                ok = false;
            } else {
                hooks.add(h);
            }
        }
        return ok ? hooks : null;
    }

    private static Hook hook(Where where, Node node) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("command", "postgres-checkpoint", "mysql-lock-tables"));
        Hook result = null;
        if ("command".equals(type)) {
            String path = m.requiredString("path");
            Duration timeout = Values.goDurationPositive(m, "timeout", "30s");
            FilesystemFilter filter = m.has("filesystems") ? FilterSection.filter(m, "filesystems", false)
                    : FilesystemFilter.acceptAll();
            Boolean fatal = m.bool("err_is_fatal", false);
            if (path != null && !Path.of(path).isAbsolute()) {
                where.key("path").warning(m.locate("path"), "hook path \"" + path + "\" is not absolute; it is"
                        + " looked up in PATH (no '/') or relative to the daemon's working directory, as in zrepl");
            }
            if (Values.allPresent(path, timeout, filter, fatal)) {
                result = new Hook.Command(path, timeout, filter, fatal);
            }
        } else if (type != null) {
            where.key("type").error(m.locate("type"), "hook type \"" + type + "\" is not supported yet (only"
                    + " \"command\" hooks are); run the database command from a command hook instead");
            m.accept(m.entries().keySet().toArray(String[]::new));
        }
        m.finish();
        return result;
    }
}
