package io.zreplcamel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zreplcamel.config.model.PullJob;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SinkJob;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.SourceJob;
import io.zreplcamel.config.model.global.Global;
import io.zreplcamel.config.model.global.LogFormat;
import io.zreplcamel.config.model.global.LogLevel;
import io.zreplcamel.config.model.global.LoggingOutlet;
import io.zreplcamel.config.model.global.Monitoring;
import io.zreplcamel.config.model.global.SyslogFacility;
import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.sendrecv.BandwidthLimit;
import io.zreplcamel.config.model.sendrecv.GuaranteeKind;
import io.zreplcamel.config.model.sendrecv.InitialReplication;
import io.zreplcamel.config.model.sendrecv.PlaceholderEncryption;
import io.zreplcamel.config.model.sendrecv.RecvOptions;
import io.zreplcamel.config.model.sendrecv.Replication;
import io.zreplcamel.config.model.sendrecv.SendOptions;
import io.zreplcamel.config.model.snapshotting.Hook;
import io.zreplcamel.config.model.snapshotting.Snapshotting;
import io.zreplcamel.config.model.transport.Connect;
import io.zreplcamel.config.model.transport.HostPort;
import io.zreplcamel.config.model.transport.Serve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, yaml);
        return p;
    }

    private static final String SNAP_JOB = """
            - name: %s
              type: snap
              filesystems: {"tank<": true}
              snapshotting: {type: manual}
              pruning: {keep: [{type: last_n, count: 1}]}
            """;

    @Test
    void emptyConfigHasGlobalDefaultsAndNoJobs() throws Exception {
        ZreplConfig c = ConfigLoader.load(write("zrepl.yml", ""));

        assertThat(c.jobs()).isEmpty();
        assertThat(c.global()).isEqualTo(Global.DEFAULTS);
        assertThat(c.global().logging()).containsExactly(
                new LoggingOutlet.Stdout(LogLevel.WARN, LogFormat.HUMAN, true, true));
        assertThat(c.global().controlSockpath()).isEqualTo(Path.of("/var/run/zrepl/control"));
        assertThat(c.global().stdinserverSockdir()).isEqualTo(Path.of("/var/run/zrepl/stdinserver"));
    }

    @Test
    void defaultsAreFilledIn() throws Exception {
        ZreplConfig c = ConfigLoader.load(write("zrepl.yml", """
                jobs:
                - name: push
                  type: push
                  connect: {type: tcp, address: "backup:8888"}
                  filesystems: {"tank<": true}
                  snapshotting: {type: periodic, prefix: zrepl_, interval: 10m, hooks: [{type: command, path: /h}]}
                  pruning:
                    keep_sender: [{type: not_replicated}]
                    keep_receiver: [{type: last_n, count: 3}, {type: grid, grid: 1x1h(keep=all) | 24x1h, regex: ^z}]
                - name: pull
                  type: pull
                  connect: {type: local, listener_name: l, client_identity: me}
                  root_fs: backup
                  interval: manual
                  pruning: {keep_sender: [{type: regex, regex: .*}], keep_receiver: [{type: regex, regex: x}]}
                - name: sink
                  type: sink
                  root_fs: sink
                  serve: {type: local, listener_name: l}
                - name: source
                  type: source
                  serve: {type: stdinserver, client_identities: [a]}
                  filesystems: {"<": true}
                  snapshotting: {type: cron, prefix: z_, cron: "0 * * * *"}
                """));

        PushJob push = (PushJob) c.job("push").orElseThrow();
        assertThat(push.connect()).isEqualTo(new Connect.Tcp(new HostPort("backup", 8888), Duration.ofSeconds(10)));
        assertThat(push.send()).isEqualTo(SendOptions.DEFAULTS);
        assertThat(push.send().bandwidthLimit().unlimited()).isTrue();
        assertThat(push.send().bandwidthLimit().bucketCapacityBytes()).isEqualTo(128 * 1024);
        assertThat(push.replication()).isEqualTo(new Replication(GuaranteeKind.GUARANTEE_RESUMABILITY,
                GuaranteeKind.GUARANTEE_RESUMABILITY, 1, 4));
        assertThat(push.initialReplication()).isEqualTo(InitialReplication.MOST_RECENT);
        Snapshotting.Periodic periodic = (Snapshotting.Periodic) push.snapshotting();
        assertThat(periodic.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(periodic.atomic()).isFalse();
        assertThat(periodic.timestampFormat().formatString()).isEqualTo("dense");
        assertThat(periodic.timestampFormat().zone()).isEqualTo(ZoneId.of("UTC"));
        Hook.Command hook = (Hook.Command) periodic.hooks().get(0);
        assertThat(hook.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hook.errIsFatal()).isFalse();
        assertThat(hook.filesystems().accepts("any/thing")).isTrue();
        assertThat(push.pruning().keepSender()).containsExactly(new KeepRule.NotReplicated(true));
        assertThat(push.pruning().keepReceiver().get(0)).isInstanceOfSatisfying(KeepRule.LastN.class, r -> {
            assertThat(r.count()).isEqualTo(3);
            assertThat(r.regex().source()).isEmpty();
        });
        assertThat(push.pruning().keepReceiver().get(1)).isInstanceOfSatisfying(KeepRule.Grid.class,
                g -> assertThat(g.grid().intervalCount()).isEqualTo(25));

        PullJob pull = (PullJob) c.job("pull").orElseThrow();
        assertThat(pull.interval().isManual()).isTrue();
        assertThat(pull.recv()).isEqualTo(RecvOptions.DEFAULTS);
        assertThat(pull.recv().placeholderEncryption()).isEqualTo(PlaceholderEncryption.UNSPECIFIED);
        assertThat(pull.connect().dialTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pull.appendsClientIdentity()).isFalse();

        SinkJob sink = (SinkJob) c.job("sink").orElseThrow();
        assertThat(sink.appendsClientIdentity()).isTrue();
        assertThat(sink.serve()).isEqualTo(new Serve.Local("l"));

        SourceJob source = (SourceJob) c.job("source").orElseThrow();
        assertThat(source.snapshotting()).isInstanceOfSatisfying(Snapshotting.Cron.class,
                cron -> assertThat(cron.cron().spec()).isEqualTo("0 * * * *"));
    }

    @Test
    void abortStaleResumeTokenIsOffUnlessEnabled() throws Exception {
        String job = """
                jobs:
                - name: push
                  type: push
                  connect: {type: tcp, address: "backup:8888"}
                  filesystems: {"tank<": true}
                  snapshotting: {type: manual}
                  pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 3}]}
                """;
        PushJob off = (PushJob) ConfigLoader.load(write("off.yml", job + "  replication: {concurrency: {steps: 2}}\n"))
                .job("push").orElseThrow();
        assertThat(off.replication().abortStaleResumeToken()).isFalse();
        assertThat(Replication.DEFAULTS.abortStaleResumeToken()).isFalse();
        PushJob on = (PushJob) ConfigLoader.load(write("on.yml", job
                + "  replication: {resume: {abort_stale_token: true}}\n")).job("push").orElseThrow();
        assertThat(on.replication().abortStaleResumeToken()).isTrue();
        assertThat(on.replication().concurrentSteps()).isEqualTo(1);
        PushJob empty = (PushJob) ConfigLoader.load(write("empty.yml", job + "  replication: {resume: {}}\n"))
                .job("push").orElseThrow();
        assertThat(empty.replication().abortStaleResumeToken()).isFalse();
    }

    @Test
    void explicitValuesKeepTheirUnits() throws Exception {
        ZreplConfig c = ConfigLoader.load(TestFiles.resource("samples/sendrecv_options.yml"));

        PushJob push = (PushJob) c.job("push_all_flags").orElseThrow();
        // saved: true is dropped with a warning at its line: zfs send -S cannot send snapshots
        assertThat(push.send()).isEqualTo(new SendOptions(true, true, true, false, true, true, true, false,
                new BandwidthLimit(io.zreplcamel.config.values.DataSize.parse("23.5 MiB"),
                        io.zreplcamel.config.values.DataSize.parse("128 KiB"))));
        assertThat(push.send().bandwidthLimit().maxBytesPerSecond()).isEqualTo(24_641_536L);
        assertThat(push.connect().dialTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(push.replication().incrementalProtection()).isEqualTo(GuaranteeKind.GUARANTEE_INCREMENTAL);
        assertThat(push.replication().concurrentSteps()).isEqualTo(2);
        assertThat(push.initialReplication()).isEqualTo(InitialReplication.ALL);
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(24);
            assertThat(w.message()).contains("send.saved: true is ignored");
        });

        PullJob pull = (PullJob) c.job("pull_with_recv").orElseThrow();
        assertThat(pull.recv().inheritProperties()).containsExactly("mountpoint");
        assertThat(pull.recv().overrideProperties()).containsExactly(Map.entry("org.openzfs.systemd:ignore", "on"));
        assertThat(pull.recv().bandwidthLimit().maxBytesPerSecond()).isEqualTo(12_500_000L);
        assertThat(pull.recv().placeholderEncryption()).isEqualTo(PlaceholderEncryption.INHERIT);
        assertThat(pull.connect()).isInstanceOfSatisfying(Connect.SshStdinserver.class, ssh -> {
            assertThat(ssh.port()).isEqualTo(22);
            assertThat(ssh.identityFile()).isEqualTo(Path.of("/etc/zrepl/ssh/identity"));
            assertThat(ssh.options()).isEmpty();
        });
    }

    @Test
    void globalSectionIsTyped() throws Exception {
        Global g = ConfigLoader.load(TestFiles.resource("samples/global_full.yml")).global();

        assertThat(g.logging()).hasSize(4);
        assertThat(g.logging().get(0)).isEqualTo(new LoggingOutlet.Stdout(LogLevel.WARN, LogFormat.HUMAN, false,
                false));
        assertThat(g.logging().get(1)).isEqualTo(new LoggingOutlet.Syslog(LogLevel.INFO, LogFormat.LOGFMT,
                SyslogFacility.DAEMON, Duration.ofSeconds(30)));
        assertThat(g.logging().get(2)).isInstanceOfSatisfying(LoggingOutlet.Tcp.class, t -> {
            assertThat(t.tls()).isPresent();
            assertThat(t.tls().get().ca()).isEqualTo(TestFiles.resource("samples/certs/ca.crt"));
        });
        assertThat(g.logging().get(3)).isInstanceOfSatisfying(LoggingOutlet.Tcp.class, t -> {
            assertThat(t.address()).isEqualTo(new HostPort("2001:db8::1", 514));
            assertThat(t.net()).isEqualTo("udp");
            assertThat(t.retryInterval()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(g.monitoring()).containsExactly(new Monitoring.Prometheus(new HostPort("", 9811), true));
    }

    @Test
    void relativeIncludesResolveAgainstTheIncludingFile() throws Exception {
        write("conf/jobs/a.yml", "jobs:\n" + SNAP_JOB.formatted("a"));
        write("conf/jobs/b.yml", "jobs:\n" + SNAP_JOB.formatted("b"));
        write("conf/jobs/notes.txt", "ignored");
        write("conf/extra.yml", "jobs:\n" + SNAP_JOB.formatted("c"));
        Path main = write("conf/zrepl.yml", "jobs:\n" + SNAP_JOB.formatted("main")
                + "include:\n- jobs\n- ./extra.yml\n");

        ZreplConfig c = ConfigLoader.load(main);

        assertThat(c.jobs()).extracting(j -> j.name()).containsExactly("main", "a", "b", "c");
        assertThat(c.files()).containsExactly(main, dir.resolve("conf/jobs/a.yml"), dir.resolve("conf/jobs/b.yml"),
                dir.resolve("conf/extra.yml"));
    }

    @Test
    void includedFilesMayOnlyContributeJobs() throws Exception {
        Path nested = write("nested.yml", "jobs: []\ninclude:\n- other.yml\n");
        write("withglobal.yml", "global:\n  logging: []\njobs:\n" + SNAP_JOB.formatted("g"));
        write("notyml.conf", "jobs: []\n");
        Path main = write("zrepl.yml", "include:\n- nested.yml\n- withglobal.yml\n- notyml.conf\n- missing.yml\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(main));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                nested + ":2:1: included configuration files must not include other files",
                main + ":4:3: include \"notyml.conf\" (" + dir.resolve("notyml.conf")
                        + "): included config files must end with `.yml`",
                main + ":5:3: include \"missing.yml\" (" + dir.resolve("missing.yml")
                        + "): no such file or directory");
    }

    @Test
    void globalInAnIncludedFileIsAWarning() throws Exception {
        Path inc = write("withglobal.yml", "global:\n  logging: []\njobs:\n" + SNAP_JOB.formatted("g"));
        Path main = write("zrepl.yml", "include: [withglobal.yml]\n");

        ZreplConfig c = ConfigLoader.load(main);

        assertThat(c.jobs()).extracting(j -> j.name()).containsExactly("g");
        assertThat(c.global()).isEqualTo(Global.DEFAULTS);
        assertThat(c.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(inc);
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("ignored in an included file");
        });
    }

    @Test
    void duplicateJobNamesAcrossIncludesPointAtBothPlaces() throws Exception {
        Path inc = write("inc.yml", "jobs:\n" + SNAP_JOB.formatted("my_job"));
        Path main = write("zrepl.yml", "jobs:\n" + SNAP_JOB.formatted("my_job") + "include: [inc.yml]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(main));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                inc + ":2:9: duplicate job name \"my_job\" (first defined at " + main + ":2)");
    }

    @Test
    void allErrorsOfAFileAreReportedAtOnceInOrder() throws Exception {
        Path main = write("zrepl.yml", """
                jobs:
                - name: _bad
                  type: snap
                  filesystems: {"a/": true}
                  snapshotting: {type: periodic, prefix: z_, interval: 10x}
                  pruning: {keep: [{type: last_n, count: 0}]}
                  extra: 1
                - name: ok
                  type: sink
                  root_fs: ""
                  serve: {type: tcp, listen: ":1", clients: {"10.0.0.1": "x"}}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(main));

        assertThat(e.errors()).extracting(err -> err.line() + ":" + err.column()).containsExactly(
                "2:9", "4:17", "5:56", "6:42", "7:3", "10:12");
        assertThat(e.getMessage()).startsWith(main + ":2:9: jobs[0].name: job name \"_bad\" is reserved");
    }

    @Test
    void relativeCertificatePathsResolveAgainstTheConfigFile() throws Exception {
        Path certs = TestFiles.resource("samples/certs");
        Files.createDirectories(dir.resolve("c"));
        for (String f : List.of("ca.crt", "server.crt", "server.key")) {
            Files.copy(certs.resolve(f), dir.resolve("c").resolve(f));
        }
        Path main = write("zrepl.yml", """
                jobs:
                - name: sink
                  type: sink
                  root_fs: backup
                  serve: {type: tls, listen: ":8888", ca: c/ca.crt, cert: c/server.crt, key: c/server.key,
                          client_cns: [laptop]}
                """);

        SinkJob sink = (SinkJob) ConfigLoader.load(main).jobs().get(0);

        assertThat(sink.serve()).isInstanceOfSatisfying(Serve.Tls.class, tls -> {
            assertThat(tls.ca()).isEqualTo(dir.resolve("c/ca.crt"));
            assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void skipCertCheckDoesNotOpenCertificateFiles() throws Exception {
        Path main = write("zrepl.yml", """
                jobs:
                - name: sink
                  type: sink
                  root_fs: backup
                  serve: {type: tls, listen: ":8888", ca: /nonexistent/ca.crt, cert: /nonexistent/c.crt,
                          key: /nonexistent/k.key, client_cns: [laptop]}
                """);

        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(main)).errors()).hasSize(3);
        assertThat(ConfigLoader.load(main, new LoadOptions(true)).jobs()).hasSize(1);
    }

    @Test
    void mergeKeysAndAnchorsWork() throws Exception {
        Path main = write("zrepl.yml", """
                jobs:
                - name: a
                  type: snap
                  filesystems: &fs {"tank<": true}
                  snapshotting: &snap {type: periodic, prefix: zrepl_, interval: 10m}
                  pruning: &prune {keep: [{type: last_n, count: 5}]}
                - <<: {type: snap, filesystems: *fs, pruning: *prune}
                  name: b
                  snapshotting:
                    <<: *snap
                    interval: 1h
                """);

        ZreplConfig c = ConfigLoader.load(main);

        SnapJob b = (SnapJob) c.job("b").orElseThrow();
        assertThat(((Snapshotting.Periodic) b.snapshotting()).interval()).isEqualTo(Duration.ofHours(1));
        assertThat(b.keep()).isEqualTo(((SnapJob) c.job("a").orElseThrow()).keep());
    }

    @Test
    void unreadableFileIsAnErrorWithoutPosition() {
        Path missing = dir.resolve("nope.yml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing));

        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly(missing + ": cannot read config file: no such file");
    }

    @Test
    void directoryIsNotAConfigFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(dir));

        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly(dir + ": cannot read config file: is a directory");
    }

    @Test
    void yaml11BooleansAreAcceptedLikeZrepl() throws Exception {
        Path main = write("zrepl.yml", "jobs:\n- name: s\n  type: snap\n  filesystems: {\"tank<\": yes, \"tank/tmp\":"
                + " off}\n  snapshotting: {type: manual}\n  pruning: {keep: [{type: regex, regex: x, negate: on}]}\n");

        SnapJob s = (SnapJob) ConfigLoader.load(main).jobs().get(0);

        assertThat(s.filesystems().accepts("tank/a")).isTrue();
        assertThat(s.filesystems().accepts("tank/tmp")).isFalse();
        assertThat(s.keep()).containsExactly(new KeepRule.Regex(io.zreplcamel.config.values.GoRegex.compile("x"),
                true));
    }
}
