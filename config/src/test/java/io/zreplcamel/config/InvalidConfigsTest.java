package io.zreplcamel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed configs, one per row: the YAML marks with {@code «} the place the error must point at (the marker is
 * removed before loading), and the message must contain the given text. {@code @CERTS@} stands for the directory of
 * the test certificates.
 */
class InvalidConfigsTest {

    private static final String MARK = "«";

    // building blocks of a valid snap job
    private static final String FS = "  filesystems: {\"tank<\": true}\n";
    private static final String MANUAL = "  snapshotting: {type: manual}\n";
    private static final String KEEP = "  pruning: {keep: [{type: last_n, count: 1}]}\n";
    private static final String SR_KEEP = "  pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type:"
            + " last_n, count: 1}]}\n";
    private static final String TCP_CONNECT = "  connect: {type: tcp, address: \"backup:8888\"}\n";
    private static final String LOCAL_SERVE = "  serve: {type: local, listener_name: l}\n";

    @TempDir
    Path dir;

    private static String snap(String body) {
        return "jobs:\n- name: s\n  type: snap\n" + body;
    }

    private static String snapWith(String snapshotting) {
        return snap(FS + snapshotting + KEEP);
    }

    private static String snapKeep(String keepList) {
        return snap(FS + MANUAL + "  pruning:\n    keep:\n" + keepList);
    }

    private static String push(String body) {
        return "jobs:\n- name: p\n  type: push\n" + body;
    }

    private static String pushWith(String extra) {
        return push(TCP_CONNECT + FS + MANUAL + SR_KEEP + extra);
    }

    private static String pull(String body) {
        return "jobs:\n- name: p\n  type: pull\n" + body;
    }

    private static String pullWith(String extra) {
        return pull(TCP_CONNECT + "  root_fs: backup/pulled\n  interval: 10m\n" + SR_KEEP + extra);
    }

    private static String sink(String body) {
        return "jobs:\n- name: k\n  type: sink\n" + body;
    }

    private static String global(String body) {
        return "global:\n" + body;
    }

    private static Arguments c(String yaml, String message) {
        return Arguments.of(yaml, message);
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // top level and YAML
        all.add(c("«foo: 1\n", "unknown field \"foo\""));
        all.add(c("«- a\n- b\n", "expected a mapping"));
        all.add(c("jobs: [\n«", "invalid YAML"));
        all.add(c("jobs: []\n---\n«jobs: []\n", "found a second one"));
        all.add(c("jobs: «{a: 1}\n", "jobs: expected a list"));
        all.add(c("jobs:\n- «hello\n", "jobs[0]: expected a mapping"));
        all.add(c("include: «x.yml\n", "include: expected a list"));
        all.add(c("include:\n- «nope.yml\n", "no such file or directory"));
        all.add(c("jobs: []\n«jobs: []\n", "duplicate key \"jobs\" (first given at line 1)"));
        all.add(c("«jobz: []\n", "did you mean \"jobs\""));
        all.add(c("include:\n- «\"\"\n", "include[0]: must not be empty"));
        all.add(c("jobs: [«[1]]\n", "jobs[0]: expected a mapping"));
        // job name and type
        all.add(c("jobs:\n- «name: x\n", "missing required field \"type\""));
        all.add(c("jobs:\n- name: x\n  type: «snapp\n", "invalid type \"snapp\", must be one of snap, push"));
        all.add(c("jobs:\n- «type: snap\n" + FS + MANUAL + KEEP, "missing required field \"name\""));
        all.add(c("jobs:\n- name: «\"\"\n  type: snap\n" + FS + MANUAL + KEEP, "jobs[0].name: must not be empty"));
        all.add(c("jobs:\n- name: «_x\n  type: snap\n" + FS + MANUAL + KEEP, "reserved for internal use"));
        all.add(c("jobs:\n- name: «a/b\n  type: snap\n" + FS + MANUAL + KEEP, "must be usable as a ZFS name"));
        all.add(c("jobs:\n- name: «a@b\n  type: snap\n" + FS + MANUAL + KEEP, "must only contain letters"));
        all.add(c("jobs:\n- name: «" + "j".repeat(204) + "\n  type: snap\n" + FS + MANUAL + KEEP, "too long"));
        all.add(c("jobs:\n- name: «jöb\n  type: snap\n" + FS + MANUAL + KEEP, "must be ASCII"));
        all.add(c("jobs:\n- name: «..\n  type: snap\n" + FS + MANUAL + KEEP, "must not be \"..\""));
        all.add(c("jobs:\n- name: «[x]\n  type: snap\n" + FS + MANUAL + KEEP, "expected a string"));
        all.add(c(snap(FS + MANUAL + KEEP) + "- name: «s\n  type: snap\n" + FS + MANUAL + KEEP,
                "duplicate job name \"s\" (first defined at "));
        all.add(c(snap("  «filesystem: {\"tank<\": true}\n" + MANUAL + KEEP), "did you mean \"filesystems\""));
        all.add(c("jobs:\n- name: x\n  type: «[snap]\n", "expected a string"));
        all.add(c(snap(FS + MANUAL + KEEP + "  «name: again\n"), "duplicate key \"name\""));
        // filesystems
        all.add(c("jobs:\n- «name: s\n  type: snap\n" + MANUAL + KEEP, "missing required field \"filesystems\""));
        all.add(c(snap("  filesystems: «{}\n" + MANUAL + KEEP), "filesystems: must not be empty"));
        all.add(c(snap("  filesystems: {\"tank\": «maybe}\n" + MANUAL + KEEP), "expected true or false"));
        all.add(c(snap("  filesystems: {\"tank\": «\"true\"}\n" + MANUAL + KEEP), "expected true or false"));
        all.add(c(snap("  filesystems: {«\"ta<nk\": true}\n" + MANUAL + KEEP), "only one '<' at the end"));
        all.add(c(snap("  filesystems: {«\"tank<<\": true}\n" + MANUAL + KEEP), "only one '<' at the end"));
        all.add(c(snap("  filesystems: {«\"tank/\": true}\n" + MANUAL + KEEP), "must not end with '/'"));
        all.add(c(snap("  filesystems: {«\"tank@snap\": true}\n" + MANUAL + KEEP), "must not contain any of '@'"));
        all.add(c(snap("  filesystems: {«\"\": true}\n" + MANUAL + KEEP), "use \"<\" to match every dataset"));
        all.add(c(snap("  filesystems: {«\"tank//x\": true}\n" + MANUAL + KEEP), "component \"\" must not be"));
        all.add(c(snap("  filesystems: {«\"/tank\": true}\n" + MANUAL + KEEP), "must not start with '/'"));
        all.add(c(snap("  filesystems: «[tank]\n" + MANUAL + KEEP), "filesystems: expected a mapping"));
        all.add(c(snap("  filesystems: {\"tank\": true, «\"tank\": false}\n" + MANUAL + KEEP),
                "duplicate key \"tank\""));
        // snapshotting
        all.add(c("jobs:\n- «name: s\n  type: snap\n" + FS + KEEP, "missing required field \"snapshotting\""));
        all.add(c(snapWith("  snapshotting: «{prefix: x}\n"), "missing required field \"type\" (one of periodic"));
        all.add(c(snapWith("  snapshotting: {type: «hourly}\n"), "invalid type \"hourly\""));
        all.add(c(snapWith("  snapshotting: «{type: periodic, interval: 10m}\n"),
                "missing required field \"prefix\""));
        all.add(c(snapWith("  snapshotting: «{type: periodic, prefix: z_}\n"),
                "missing required field \"interval\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «10x}\n"),
                "snapshotting.interval: invalid duration \"10x\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «1h30m}\n"),
                "invalid duration \"1h30m\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «0}\n"), "must be positive"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «-5m}\n"), "must be positive"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «10}\n"), "a unit"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: «1.5h}\n"),
                "invalid duration \"1.5h\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: «\"\", interval: 10m}\n"), "must not be empty"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: «z/, interval: 10m}\n"),
                "invalid snapshot name would result"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: «z@, interval: 10m}\n"),
                "invalid snapshot name would result"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, timestamp_format: «dense,"
                + " timestamp_location: Europe/Berlin}\n"), "requires UTC location"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, timestamp_location:"
                + " «Mars/Base}\n"), "unknown time zone"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, timestamp_format:"
                + " «\"15h04+\"}\n"), "'+' is not allowed"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, timestamp_format:"
                + " «\"2006/01/02\"}\n"), "invalid snapshot name would result"));
        all.add(c(snapWith("  snapshotting: «{type: cron, prefix: z_}\n"), "missing required field \"cron\""));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"* * *\"}\n"), "expected 5 fields"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"60 * * * *\"}\n"),
                "minute field \"60\": 60 is above the maximum 59"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"*/0 * * * *\"}\n"),
                "the step must be a positive number"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"5-1 * * * *\"}\n"),
                "range start 5 is after its end 1"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"* * * FOO *\"}\n"),
                "month field \"FOO\": \"FOO\" is not a number or a name"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"0 0 0 * * * *\"}\n"),
                "found 7"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"@fortnightly\"}\n"),
                "unknown descriptor"));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"CRON_TZ=Mars/Base * * * * *\"}\n"),
                "unknown time zone \"Mars/Base\""));
        all.add(c(snapWith("  snapshotting: {type: cron, prefix: z_, cron: «\"* * * * 7\"}\n"),
                "day-of-week field \"7\": 7 is above the maximum 6"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, atomic: «sometimes}\n"),
                "atomic: expected true or false"));
        all.add(c(snapWith("  snapshotting: {type: manual, «prefix: z_}\n"), "unknown field \"prefix\""));
        // hooks
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: «{a: 1}}\n"),
                "hooks: expected a list"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [«{path: /x}]}\n"),
                "hooks[0]: missing required field \"type\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type:"
                + " «postgres-checkpoint, dsn: x, filesystems: {\"tank\": true}}]}\n"), "is not supported yet"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type:"
                + " «mysql-lock-tables, dsn: x, filesystems: {\"tank\": true}}]}\n"), "is not supported yet"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [«{type:"
                + " command}]}\n"), "missing required field \"path\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, timeout: «30}]}\n"), "missing unit after 30"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, timeout: «0s}]}\n"), "must be positive"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, timeout: «1d}]}\n"), "unknown unit \"d\""));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, err_is_fatal: «2}]}\n"), "expected true or false"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, filesystems: {«\"a<b\": true}}]}\n"), "only one '<' at the end"));
        all.add(c(snapWith("  snapshotting: {type: periodic, prefix: z_, interval: 10m, hooks: [{type: command,"
                + " path: /x, «args: [a]}]}\n"), "unknown field \"args\""));
        // pruning
        all.add(c("jobs:\n- «name: s\n  type: snap\n" + FS + MANUAL, "missing required field \"pruning\""));
        all.add(c(snap(FS + MANUAL + "  pruning: «{}\n"), "missing required field \"keep\""));
        all.add(c(snap(FS + MANUAL + "  pruning: {keep: «[]}\n"), "keep: must not be empty"));
        all.add(c(snapKeep("    - type: «not_replicated\n"), "cannot use the `not_replicated`"));
        all.add(c(snapKeep("    - «count: 3\n"), "missing required field \"type\""));
        all.add(c(snapKeep("    - type: «keep_all\n"), "invalid type \"keep_all\""));
        all.add(c(snapKeep("    - «type: last_n\n"), "missing required field \"count\""));
        all.add(c(snapKeep("    - type: last_n\n      count: «0\n"), "count: must be at least 1, got 0"));
        all.add(c(snapKeep("    - type: last_n\n      count: «-3\n"), "must be at least 1"));
        all.add(c(snapKeep("    - type: last_n\n      count: «ten\n"), "expected an integer"));
        all.add(c(snapKeep("    - type: last_n\n      count: «\"10\"\n"), "expected an integer"));
        all.add(c(snapKeep("    - type: last_n\n      count: 1\n      regex: «\"(\"\n"),
                "invalid regular expression \"(\""));
        all.add(c(snapKeep("    - «type: regex\n"), "missing required field \"regex\""));
        all.add(c(snapKeep("    - type: regex\n      regex: «\"\"\n"), "regex: must not be empty"));
        all.add(c(snapKeep("    - type: regex\n      regex: «\"(?=x)\"\n"), "invalid regular expression"));
        all.add(c(snapKeep("    - type: regex\n      regex: x\n      negate: «nope\n"), "expected true or false"));
        all.add(c(snapKeep("    - «type: grid\n      regex: x\n"), "missing required field \"grid\""));
        all.add(c(snapKeep("    - «type: grid\n      grid: 1x1h\n"), "missing required field \"regex\""));
        all.add(c(snapKeep("    - type: grid\n      grid: «1x1h | foo\n      regex: x\n"),
                "cannot parse interval 2 of 2"));
        all.add(c(snapKeep("    - type: grid\n      grid: «1x1d | 1x1h\n      regex: x\n"), "monotonically"));
        all.add(c(snapKeep("    - type: grid\n      grid: «1x1h(keep=x)\n      regex: x\n"), "keep"));
        all.add(c(snapKeep("    - type: grid\n      grid: «0x1h\n      regex: x\n"), "factor"));
        all.add(c(snapKeep("    - type: last_n\n      count: 1\n      «negate: true\n"), "unknown field \"negate\""));
        all.add(c(push(TCP_CONNECT + FS + MANUAL + "  pruning: {keep_sender: [{type: not_replicated,"
                + " keep_snapshot_at_cursor: «maybe}], keep_receiver: [{type: last_n, count: 1}]}\n"),
                "expected true or false"));
        // connect
        all.add(c("jobs:\n- «name: p\n  type: push\n" + FS + MANUAL + SR_KEEP, "missing required field \"connect\""));
        all.add(c(push("  connect: «{address: \"b:1\"}\n" + FS + MANUAL + SR_KEEP), "missing required field \"type\""));
        all.add(c(push("  connect: {type: «http}\n" + FS + MANUAL + SR_KEEP), "invalid type \"http\""));
        all.add(c(push("  connect: «{type: tcp}\n" + FS + MANUAL + SR_KEEP), "missing required field \"address\""));
        all.add(c(push("  connect: {type: tcp, address: «backup}\n" + FS + MANUAL + SR_KEEP), "missing port"));
        all.add(c(push("  connect: {type: tcp, address: «\"backup:70000\"}\n" + FS + MANUAL + SR_KEEP),
                "port number 0-65535"));
        all.add(c(push("  connect: {type: tcp, address: «\"::1:8888\"}\n" + FS + MANUAL + SR_KEEP), "too many colons"));
        all.add(c(push("  connect: {type: tcp, address: \"b:1\", dial_timeout: «-1s}\n" + FS + MANUAL + SR_KEEP),
                "must not be negative"));
        all.add(c(push("  connect: {type: tcp, address: \"b:1\", dial_timeout: «1d}\n" + FS + MANUAL + SR_KEEP),
                "unknown unit \"d\""));
        all.add(c(push("  connect: «{type: tls, address: \"b:1\", ca: @CERTS@/ca.crt, cert: @CERTS@/client.crt,"
                + " key: @CERTS@/client.key}\n" + FS + MANUAL + SR_KEEP), "missing required field \"server_cn\""));
        all.add(c(push("  connect: {type: tls, address: \"b:1\", ca: «@CERTS@/missing.crt, cert: @CERTS@/client.crt,"
                + " key: @CERTS@/client.key, server_cn: b}\n" + FS + MANUAL + SR_KEEP), "no such file"));
        all.add(c(push("  connect: {type: tls, address: \"b:1\", ca: @CERTS@/ca.crt, cert: «@CERTS@/garbage.crt,"
                + " key: @CERTS@/client.key, server_cn: b}\n" + FS + MANUAL + SR_KEEP), "cannot parse certificate"));
        all.add(c(push("  connect: {type: tls, address: \"b:1\", ca: @CERTS@/ca.crt, cert: @CERTS@/client.crt,"
                + " key: «@CERTS@/client.crt, server_cn: b}\n" + FS + MANUAL + SR_KEEP), "no PEM private key"));
        all.add(c(push("  connect: {type: ssh+stdinserver, host: h, user: u, port: «0, identity_file: /k}\n" + FS
                + MANUAL + SR_KEEP), "port: must be between 1 and 65535"));
        all.add(c(push("  connect: {type: ssh+stdinserver, host: h, user: u, port: «ssh, identity_file: /k}\n" + FS
                + MANUAL + SR_KEEP), "expected an integer"));
        all.add(c(push("  connect: «{type: ssh+stdinserver, host: h, user: u, port: 22}\n" + FS + MANUAL + SR_KEEP),
                "missing required field \"identity_file\""));
        all.add(c(push("  connect: {type: ssh+stdinserver, host: h, user: u, port: 22, identity_file: /k, options:"
                + " «Compression=yes}\n" + FS + MANUAL + SR_KEEP), "options: expected a list"));
        all.add(c(push("  connect: «{type: ssh+zfs, host: h, user: u, identity_file: /k}\n" + FS + MANUAL + SR_KEEP),
                "missing required field \"root_fs\""));
        all.add(c(push("  connect: {type: ssh+zfs, host: h, user: u, identity_file: /k, root_fs: «/pool}\n" + FS
                + MANUAL + SR_KEEP), "not a valid ZFS filesystem path"));
        all.add(c(pull("  connect: {type: «ssh+zfs, host: h, user: u, identity_file: /k, root_fs: pool}\n"
                + "  root_fs: backup/pulled\n  interval: 10m\n" + SR_KEEP), "ssh+zfs is for push jobs"));
        all.add(c(push("  connect: «{type: local, listener_name: l}\n" + FS + MANUAL + SR_KEEP),
                "missing required field \"client_identity\""));
        all.add(c(push("  connect: {type: local, listener_name: l, client_identity: «a/b}\n" + FS + MANUAL + SR_KEEP),
                "client identity \"a/b\" must only contain"));
        // active-job pruning, replication, send
        all.add(c(push(TCP_CONNECT + FS + MANUAL + "  pruning: «{keep_receiver: [{type: last_n, count: 1}]}\n"),
                "missing required field \"keep_sender\""));
        all.add(c(push(TCP_CONNECT + FS + MANUAL + "  pruning: {keep_sender: [{type: not_replicated}],"
                + " keep_receiver: «[]}\n"), "keep_receiver: must not be empty"));
        all.add(c(pushWith("  replication: {protection: {initial: «guarantee_everything}}\n"),
                "invalid value \"guarantee_everything\", must be one of guarantee_resumability"));
        all.add(c(pushWith("  replication: {concurrency: {steps: «0}}\n"), "steps: must be at least 1"));
        all.add(c(pushWith("  replication: {concurrency: {size_estimates: «-1}}\n"), "must be at least 1"));
        all.add(c(pushWith("  replication: {resume: {«abort_stale: true}}\n"),
                "unknown field \"abort_stale\" (known fields: abort_stale_token)"));
        all.add(c(pushWith("  replication: {resume: {abort_stale_token: «sometimes}}\n"), "expected true or false"));
        all.add(c(pushWith("  replication: {«resume_token: {abort_stale_token: true}}\n"), "unknown field"));
        all.add(c(pushWith("  conflict_resolution: {initial_replication: «newest}\n"),
                "must be one of most_recent, all, fail"));
        all.add(c(pushWith("  send: {«encrypt: true}\n"), "did you mean \"encrypted\""));
        all.add(c(pushWith("  send: {«embbeded_data: true}\n"), "renamed to \"embedded_data\""));
        all.add(c(pushWith("  send: {encrypted: «yes please}\n"), "expected true or false"));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: «fast}}\n"), "invalid data size \"fast\""));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: «0.5 B}}\n"), "is too small"));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: «0 B}}\n"), "would stop every transfer"));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: 1 MiB, bucket_capacity: «0 B}}\n"),
                "bucket capacity must be at least 1 byte"));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: «1.5 bit}}\n"), "unit bit needs an integer"));
        all.add(c(pushWith("  send: {bandwidth_limit: {max: «10 KB/s}}\n"), "invalid data size \"10 KB/s\""));
        all.add(c(pushWith("  send: «[encrypted]\n"), "send: expected a mapping"));
        // pull and receive options
        all.add(c("jobs:\n- «name: p\n  type: pull\n" + TCP_CONNECT + "  interval: 10m\n" + SR_KEEP,
                "missing required field \"root_fs\""));
        all.add(c(pull(TCP_CONNECT + "  root_fs: «pool/\n  interval: 10m\n" + SR_KEEP), "must not end with '/'"));
        all.add(c(pull(TCP_CONNECT + "  root_fs: «/pool\n  interval: 10m\n" + SR_KEEP), "not a valid ZFS filesystem"));
        all.add(c(pull(TCP_CONNECT + "  root_fs: a\n  interval: «\"\"\n" + SR_KEEP), "must not be empty"));
        all.add(c(pull(TCP_CONNECT + "  root_fs: a\n  interval: «never\n" + SR_KEEP), "invalid duration \"never\""));
        all.add(c(pull(TCP_CONNECT + "  root_fs: a\n  interval: «0s\n" + SR_KEEP), "must be positive"));
        all.add(c(pullWith("  recv: {placeholder: {encryption: «on}}\n"),
                "must be one of unspecified, inherit, off"));
        all.add(c(pullWith("  recv: {properties: {inherit: [«-x]}}\n"), "must not start with '-'"));
        all.add(c(pullWith("  recv: {properties: {override: {«\"a b\": x}}}\n"), "invalid ZFS property name \"a b\""));
        all.add(c(pullWith("  recv: {properties: {override: {a: «[x]}}}\n"), "expected a string"));
        all.add(c(pullWith("  recv: {«placeholders: {}}\n"), "did you mean \"placeholder\""));
        // serve
        all.add(c("jobs:\n- «name: k\n  type: sink\n  root_fs: a\n", "missing required field \"serve\""));
        all.add(c(sink("  root_fs: a\n  serve: {type: «ssh}\n"), "invalid type \"ssh\", must be one of tcp, tls"));
        all.add(c(sink("  root_fs: a\n  serve: «{type: tcp, listen: \":8888\"}\n"), "missing required field \"clients\""));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: «{}}\n"), "must not be empty"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: {«\"300.1.1.1\": x}}\n"),
                "is not an IP address or CIDR"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: {«\"10.0.0.0/8\": x}}\n"),
                "must contain exactly one '*'"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: {«\"10.0.0.1\": \"x-*\"}}\n"),
                "must not contain the '*' placeholder"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: {«\"10.0.0.0/33\": \"x-*\"}}\n"),
                "prefix length \"33\""));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":8888\", clients: {«\"10.0.0.1\": \"a/b\"}}\n"),
                "identity \"a/b\" must only contain"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tls, listen: \":1\", ca: @CERTS@/ca.crt, cert: @CERTS@/server.crt,"
                + " key: @CERTS@/server.key, client_cns: «[]}\n"), "client_cns: must not be empty"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tls, listen: \":1\", ca: @CERTS@/ca.crt, cert: @CERTS@/server.crt,"
                + " key: @CERTS@/server.key, client_cns: [«a@b]}\n"), "client CN \"a@b\" cannot be a client identity"));
        all.add(c(sink("  root_fs: a\n  serve: {type: tls, listen: \":1\", ca: @CERTS@/ca.crt, cert: @CERTS@/server.crt,"
                + " key: @CERTS@/server.key, client_cns: [x], handshake_timeout: «soon}\n"), "invalid duration"));
        all.add(c(sink("  root_fs: a\n  serve: «{type: stdinserver}\n"), "missing required field \"client_identities\""));
        all.add(c(sink("  root_fs: a\n  serve: {type: stdinserver, client_identities: [«..]}\n"),
                "client identity \"..\" must not be \"..\""));
        all.add(c(sink("  root_fs: a\n  serve: {type: tcp, listen: \":1\", listen_freebind: «perhaps, clients:"
                + " {\"10.0.0.1\": x}}\n"), "expected true or false"));
        all.add(c(sink("  root_fs: a\n  serve: «{type: local}\n"), "missing required field \"listener_name\""));
        all.add(c("jobs:\n- «name: src\n  type: source\n" + LOCAL_SERVE + MANUAL,
                "missing required field \"filesystems\""));
        // global
        all.add(c("global: «[]\n", "global: expected a mapping"));
        all.add(c(global("  «loging: []\n"), "did you mean \"logging\""));
        all.add(c(global("  logging:\n  - «type: stdout\n    format: human\n"), "missing required field \"level\""));
        all.add(c(global("  logging:\n  - type: stdout\n    level: «verbose\n    format: human\n"),
                "must be one of debug, info, warn, error"));
        all.add(c(global("  logging:\n  - type: stdout\n    level: info\n    format: «xml\n"),
                "must be one of human, logfmt, json"));
        all.add(c(global("  logging:\n  - {type: stdout, level: info, format: human}\n  - «{type: stdout, level:"
                + " info, format: json}\n"), "can only define one 'stdout' outlet (first at line 3)"));
        all.add(c(global("  logging:\n  - {type: syslog, level: info, format: human}\n  - «{type: syslog, level:"
                + " info, format: json}\n"), "can only define one 'syslog' outlet"));
        all.add(c(global("  logging:\n  - {type: syslog, level: info, format: human, facility: «local9}\n"),
                "must be one of kern, user"));
        all.add(c(global("  logging:\n  - {type: syslog, level: info, format: human, retry_interval: «0s}\n"),
                "must be positive"));
        all.add(c(global("  logging:\n  - «{type: tcp, level: info, format: human}\n"),
                "missing required field \"address\""));
        all.add(c(global("  logging:\n  - {type: tcp, level: info, format: human, address: \"l:1\", net: «sctp}\n"),
                "must be one of tcp, tcp4, tcp6, udp"));
        all.add(c(global("  logging:\n  - {type: tcp, level: info, format: human, address: \"l:1\", tls: «{ca:"
                + " @CERTS@/ca.crt, cert: @CERTS@/client.crt}}\n"), "missing required field \"key\""));
        all.add(c(global("  monitoring:\n  - {type: «statsd}\n"), "invalid type \"statsd\""));
        all.add(c(global("  monitoring:\n  - {type: prometheus, listen: \":9811\"}\n  - «{type: prometheus, listen:"
                + " \":9812\"}\n"), "only one monitoring entry"));
        all.add(c(global("  monitoring:\n  - {type: prometheus, listen: «localhost}\n"), "missing port"));
        all.add(c(global("  control:\n    sockpath: «\"\"\n"), "sockpath: must not be empty"));
        all.add(c(global("  serve:\n    stdinserver:\n      «socketdir: /x\n"), "did you mean \"sockdir\""));
        all.add(c(global("  logging: «stdout\n"), "logging: expected a list"));
        // cross-job
        all.add(c(pull(TCP_CONNECT + "  root_fs: backup\n  interval: 10m\n" + SR_KEEP)
                + "- name: p2\n  type: pull\n" + TCP_CONNECT + "  root_fs: «backup\n  interval: 10m\n" + SR_KEEP,
                "root_fs \"backup\" overlaps root_fs \"backup\" of job \"p\""));
        all.add(c(sink("  root_fs: backup\n" + LOCAL_SERVE) + "- name: p2\n  type: pull\n" + TCP_CONNECT
                + "  root_fs: «backup/servers\n  interval: 10m\n" + SR_KEEP, "a pull job receives sender paths"));
        all.add(c(sink("  root_fs: backup\n" + LOCAL_SERVE) + "- name: k2\n  type: sink\n  root_fs: «backup/inner\n"
                + "  serve: {type: local, listener_name: l2}\n", "where the outer sink puts a client's datasets"));
        all.add(c("jobs:\n- name: s\n  type: snap\n  <<: «notamap\n" + FS + MANUAL + KEEP,
                "merge key << needs a mapping"));
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void reportsTheErrorAtTheMarkedPlace(String yamlWithMark, String expectedMessage) throws Exception {
        String yaml = yamlWithMark.replace("@CERTS@", TestFiles.resource("samples/certs").toString());
        int mark = yaml.indexOf(MARK);
        assertThat(mark).as("test case has a « marker").isNotNegative();
        String before = yaml.substring(0, mark);
        int expectedLine = (int) before.chars().filter(ch -> ch == '\n').count() + 1;
        int expectedColumn = mark - (before.lastIndexOf('\n') + 1) + 1;
        Path file = dir.resolve("zrepl.yml");
        Files.writeString(file, yaml.replace(MARK, ""));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));

        assertThat(e).as("config must be rejected:\n%s", yaml).isNotNull();
        assertThat(e.errors()).as("errors").anySatisfy(err -> {
            assertThat(err.message()).contains(expectedMessage);
            assertThat(err.file()).isEqualTo(file);
            assertThat(err.line() + ":" + err.column()).isEqualTo(expectedLine + ":" + expectedColumn);
        });
    }
}
