package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.names.ZfsPropertyNames;
import io.zreplcamel.config.values.DataSize;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import io.zreplcamel.config.yaml.YamlNodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code send}, {@code recv}, {@code replication}, {@code conflict_resolution} (zrepl §3, §9). */
final class SendRecvSection {

    private SendRecvSection() {
    }

    static SendOptions send(YamlMap job) {
        YamlMap m = job.map("send", false);
        if (m == null) {
            return job.has("send") ? null : SendOptions.DEFAULTS;
        }
        Boolean encrypted = m.bool("encrypted", false);
        Boolean raw = m.bool("raw", false);
        Boolean sendProperties = m.bool("send_properties", false);
        Boolean backupProperties = m.bool("backup_properties", false);
        Boolean largeBlocks = m.bool("large_blocks", false);
        Boolean compressed = m.bool("compressed", false);
        Boolean embeddedData = m.bool("embedded_data", false);
        Boolean saved = m.bool("saved", false);
        BandwidthLimit limit = bandwidthLimit(m);
        if (Boolean.TRUE.equals(saved)) {
            // zrepl passes -S to every send, which ZFS refuses (OpenZFS 2.3.2: "saved send must specify the dataset
            // with partially-received state"; with -i: "incompatible flags"): with it, zrepl replicates nothing.
            // What the admin wants is replication, so it is left out, loudly.
            m.where().warning(m.locateKey("saved"), "send.saved: true is ignored: zfs send -S sends only the saved "
                    + "state of a partially received filesystem, never a snapshot, and ZFS refuses it with -i, so "
                    + "zrepl's every step fails with it. zrepl-camel sends without -S (interrupted receives still "
                    + "resume from their token); remove the option to silence this warning");
            saved = false;
        }
        if (m.has("embbeded_data")) {
            m.accept("embbeded_data");
            m.where().error(m.locateKey("embbeded_data"), "unknown field \"embbeded_data\": this misspelled option"
                    + " was renamed to \"embedded_data\" in zrepl 0.5");
        }
        m.finish();
        return Values.allPresent(encrypted, raw, sendProperties, backupProperties, largeBlocks, compressed,
                embeddedData, saved, limit)
                ? new SendOptions(encrypted, raw, sendProperties, backupProperties, largeBlocks, compressed,
                embeddedData, saved, limit) : null;
    }

    static RecvOptions recv(YamlMap job) {
        YamlMap m = job.map("recv", false);
        if (m == null) {
            return job.has("recv") ? null : RecvOptions.DEFAULTS;
        }
        List<String> inherit = List.of();
        Map<String, String> override = Map.of();
        boolean ok = true;
        YamlMap props = m.map("properties", false);
        if (props != null) {
            inherit = Values.strings(props, "inherit", false, SendRecvSection::propertyProblem);
            override = overrides(props);
            props.finish();
            ok = inherit != null && override != null;
        } else if (m.has("properties")) {
            ok = false;
        }
        BandwidthLimit limit = bandwidthLimit(m);
        PlaceholderEncryption encryption = PlaceholderEncryption.UNSPECIFIED;
        YamlMap placeholder = m.map("placeholder", false);
        if (placeholder != null) {
            encryption = placeholder.choice("encryption", Sections.choices(PlaceholderEncryption.values(),
                    PlaceholderEncryption::configName), PlaceholderEncryption.UNSPECIFIED);
            placeholder.finish();
        } else if (m.has("placeholder")) {
            encryption = null;
        }
        m.finish();
        return ok && Values.allPresent(limit, encryption) ? new RecvOptions(inherit, override, limit, encryption)
                : null;
    }

    private static Map<String, String> overrides(YamlMap props) {
        YamlMap o = props.map("override", false);
        if (o == null) {
            return props.has("override") ? null : Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean ok = true;
        Where where = props.where().key("override");
        for (Map.Entry<String, YamlMap.Entry> e : o.entries().entrySet()) {
            String problem = propertyProblem(e.getKey());
            if (problem != null) {
                where.error(e.getValue().key(), problem);
                ok = false;
            }
            String value = YamlNodes.string(where.key(e.getKey()), e.getValue().value());
            if (value == null) {
                ok = false;
                continue;
            }
            out.put(e.getKey(), value);
        }
        o.finish();
        return ok ? out : null;
    }

    private static String propertyProblem(String name) {
        return ZfsPropertyNames.problem(name).map(p -> "invalid ZFS property name \"" + name + "\": " + p)
                .orElse(null);
    }

    static BandwidthLimit bandwidthLimit(YamlMap parent) {
        YamlMap m = parent.map("bandwidth_limit", false);
        if (m == null) {
            return parent.has("bandwidth_limit") ? null : BandwidthLimit.UNLIMITED;
        }
        DataSize max = m.parsed("max", "-1 B", DataSize::parse);
        DataSize bucket = m.parsed("bucket_capacity", "128 KiB", DataSize::parse);
        m.finish();
        if (max == null || bucket == null) {
            return null;
        }
        BandwidthLimit limit = new BandwidthLimit(max, bucket);
        boolean ok = true;
        if (max.bits() >= 0 && max.wholeBytes() == 0) {
            String why = max.bits() == 0
                    ? "a limit of 0 would stop every transfer; use -1 B (the default) for no limit"
                    : "is too small, must be at least 1 byte";
            m.where().key("max").error(m.locate("max"), "bandwidth limit `max` " + why);
            ok = false;
        }
        if (!limit.unlimited() && bucket.wholeBytes() <= 0) {
            m.where().key("bucket_capacity").error(m.locate("bucket_capacity"),
                    "bucket capacity must be at least 1 byte");
            ok = false;
        }
        return ok ? limit : null;
    }

    static Replication replication(YamlMap job) {
        YamlMap m = job.map("replication", false);
        if (m == null) {
            return job.has("replication") ? null : Replication.DEFAULTS;
        }
        Map<String, GuaranteeKind> kinds = Sections.choices(GuaranteeKind.values(), GuaranteeKind::configName);
        GuaranteeKind initial = GuaranteeKind.GUARANTEE_RESUMABILITY;
        GuaranteeKind incremental = GuaranteeKind.GUARANTEE_RESUMABILITY;
        YamlMap protection = m.map("protection", false);
        if (protection != null) {
            initial = protection.choice("initial", kinds, GuaranteeKind.GUARANTEE_RESUMABILITY);
            incremental = protection.choice("incremental", kinds, GuaranteeKind.GUARANTEE_RESUMABILITY);
            protection.finish();
        } else if (m.has("protection")) {
            initial = null;
        }
        Long steps = 1L;
        Long sizeEstimates = 4L;
        YamlMap concurrency = m.map("concurrency", false);
        if (concurrency != null) {
            steps = concurrency.integer("steps", 1L, 1, Integer.MAX_VALUE);
            sizeEstimates = concurrency.integer("size_estimates", 4L, 1, Integer.MAX_VALUE);
            concurrency.finish();
        } else if (m.has("concurrency")) {
            steps = null;
        }
        // zrepl-camel's extension: replication.resume.abort_stale_token (docs/config.md)
        Boolean abortStale = Replication.ABORT_STALE_RESUME_TOKEN_DEFAULT;
        YamlMap resume = m.map(Replication.RESUME_KEY, false);
        if (resume != null) {
            abortStale = resume.bool(Replication.ABORT_STALE_TOKEN_KEY, Replication.ABORT_STALE_RESUME_TOKEN_DEFAULT);
            resume.finish();
        } else if (m.has(Replication.RESUME_KEY)) {
            abortStale = null;
        }
        m.finish();
        return Values.allPresent(initial, incremental, steps, sizeEstimates, abortStale)
                ? new Replication(initial, incremental, steps.intValue(), sizeEstimates.intValue(), abortStale)
                : null;
    }

    static InitialReplication initialReplication(YamlMap job) {
        YamlMap m = job.map("conflict_resolution", false);
        if (m == null) {
            return job.has("conflict_resolution") ? null : InitialReplication.MOST_RECENT;
        }
        InitialReplication r = m.choice("initial_replication",
                Sections.choices(InitialReplication.values(), InitialReplication::configName),
                InitialReplication.MOST_RECENT);
        m.finish();
        return r;
    }
}
