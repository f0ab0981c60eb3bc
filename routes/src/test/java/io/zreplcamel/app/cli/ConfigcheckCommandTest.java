package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigcheckCommandTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path p = dir.resolve("zrepl.yml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void validConfigExitsZeroSilently() throws Exception {
        CliRun run = CliRun.of("configcheck", "--config", write(SNAP_ONLY).toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    static final String SNAP_ONLY = """
            jobs:
              - name: snapjob
                type: snap
                filesystems: {"tank<": true}
                snapshotting: {type: periodic, prefix: zrepl_, interval: 15m}
                pruning: {keep: [{type: last_n, count: 3}]}
            """;

    @Test
    void replicationOverTheLocalTransportIsValid() throws Exception {
        CliRun run = CliRun.of("configcheck", "--config", write(CliRun.CONFIG).toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
    }

    /** CliRun.CONFIG with the push and sink over TCP: line 25 is the connect, 42 the serve. */
    static String overTcp() {
        return CliRun.CONFIG
                .replace("connect: {type: local, listener_name: sink, client_identity: me}",
                        "connect: {type: tcp, address: \"backup.example:8888\"}")
                .replace("serve: {type: local, listener_name: sink}",
                        "serve: {type: tcp, listen: \":8888\", clients: {\"192.0.2.1\": me}}");
    }

    /** CliRun.CONFIG with the push and sink over ssh+stdinserver. */
    static String overSsh() {
        return CliRun.CONFIG
                .replace("connect: {type: local, listener_name: sink, client_identity: me}",
                        "connect: {type: ssh+stdinserver, host: backup.example, user: root, port: 22,"
                                + " identity_file: /etc/zrepl/ssh/key}")
                .replace("serve: {type: local, listener_name: sink}",
                        "serve: {type: stdinserver, client_identities: [me]}");
    }

    /** CliRun.CONFIG with the push and sink over TLS (certificate files absent). */
    static String overTls() {
        return CliRun.CONFIG
                .replace("connect: {type: local, listener_name: sink, client_identity: me}",
                        "connect: {type: tls, address: \"backup.example:8888\", ca: /etc/zrepl/ca.crt,"
                                + " cert: /etc/zrepl/me.crt, key: /etc/zrepl/me.key, server_cn: backup}")
                .replace("serve: {type: local, listener_name: sink}",
                        "serve: {type: tls, listen: \":8888\", ca: /etc/zrepl/ca.crt, cert: /etc/zrepl/b.crt,"
                                + " key: /etc/zrepl/b.key, client_cns: [me]}");
    }

    @Test
    void replicationOverSshIsValid() throws Exception {
        CliRun run = CliRun.of("configcheck", "--config", write(overSsh()).toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anAgentlessPushOverSshIsValidAndAPullIsNot() throws Exception {
        String agentless = """
                jobs:
                  - name: offsite
                    type: push
                    connect: {type: ssh+zfs, host: backup.example, user: zrepl, identity_file: /etc/zrepl/key,
                              root_fs: tank/backups, recv: {placeholder: {encryption: off}}}
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 3}]}
                """;
        CliRun ok = CliRun.of("configcheck", "--config", write(agentless).toString());
        assertThat(ok.exit()).as(ok.err()).isZero();

        String pull = """
                jobs:
                  - name: fetch
                    type: pull
                    connect: {type: ssh+zfs, host: backup.example, user: zrepl, identity_file: /etc/zrepl/key,
                              root_fs: tank/backups}
                    root_fs: local/pulled
                    interval: manual
                    pruning: {keep_sender: [{type: last_n, count: 3}], keep_receiver: [{type: last_n, count: 3}]}
                """;
        CliRun refused = CliRun.of("configcheck", "--config", write(pull).toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("ssh+zfs is for push jobs");
    }

    @Test
    void replicationOverTcpIsValid() throws Exception {
        CliRun run = CliRun.of("configcheck", "--config", write(overTcp()).toString());

        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void aCidrInTheTcpClientsMapNeedsExactlyOneStarInItsIdentity() throws Exception {
        Path good = write(overTcp().replace("{\"192.0.2.1\": me}", "{\"192.0.2.0/24\": \"net-*\"}"));
        assertThat(CliRun.of("configcheck", "--config", good.toString()).exit()).isZero();

        Path bad = write(overTcp().replace("{\"192.0.2.1\": me}", "{\"192.0.2.0/24\": net}"));
        CliRun run = CliRun.of("configcheck", "--config", bad.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("must contain exactly one '*'");
    }

    @Test
    void replicationOverTlsIsValidWhenTheCertificateCheckIsSkipped() throws Exception {
        Path file = write(overTls());

        CliRun skipped = CliRun.of("configcheck", "--skip-cert-check", "--config", file.toString());
        assertThat(skipped.exit()).as(skipped.err()).isZero();

        CliRun checked = CliRun.of("configcheck", "--config", file.toString());
        assertThat(checked.exit()).isEqualTo(2);
        assertThat(checked.err()).contains("/etc/zrepl/ca.crt").doesNotContain("not implemented");
    }

    @Test
    void twoJobsServingOneLocalListenerAreAnErrorExceptForParseOnly() throws Exception {
        Path file = write(CliRun.CONFIG + """
                  - name: sink2
                    type: sink
                    serve: {type: local, listener_name: sink}
                    root_fs: other
                """);

        CliRun run = CliRun.of("configcheck", "--config", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(file + ": jobs sink and sink2 both serve local listener_name \"sink\"");
        assertThat(CliRun.of("configcheck", "--parse-only", "--config", file.toString()).exit()).isZero();
    }

    @Test
    void parseOnlyAcceptsEveryTransportOfZreplWithoutWarnings() throws Exception {
        for (String config : new String[] {overTls(), overTcp(), overSsh()}) {
            Path file = write(config);

            CliRun run = CliRun.of("configcheck", "--parse-only", "--skip-cert-check", "--config", file.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain("not implemented");
        }
    }

    @Test
    void unhonouredGlobalSectionsAreWarningsWithTheirLine() throws Exception {
        Path file = write("""
                global:
                  logging:
                    - type: stdout
                      level: debug
                      format: json
                  monitoring:
                    - type: prometheus
                      listen: ":9811"
                  control:
                    sockpath: /run/zrepl/control
                """ + SNAP_ONLY);

        CliRun run = CliRun.of("configcheck", "--config", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err().lines()).containsExactly(
                "warning: " + file + ":2:3: global.logging: not honoured by zrepl-camel yet, ignored: the daemon logs"
                        + " to standard error (level from ZREPL_LOG_LEVEL, default INFO); the outlets, levels and"
                        + " formats of this section are not applied");
        // global.control and global.monitoring are honoured: the control socket (signal, status), /metrics
    }

    @Test
    void invalidConfigPrintsEveryErrorWithPositionAndExitsTwo() throws Exception {
        Path file = write("""
                jobs:
                - name: s
                  type: snap
                  filesystems: {"tank<": true}
                  snapshotting: {type: periodic, prefix: z_, interval: 10x}
                  pruning: {keep: [{type: last_n, count: 0}]}
                """);

        CliRun run = CliRun.of("configcheck", "--config", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                file + ":5:56: jobs[0].snapshotting.interval: invalid duration \"10x\": expected an integer"
                        + " followed by a unit s, m, h, d or w (e.g. 10m, 1h, 7d)",
                file + ":6:42: jobs[0].pruning.keep[0].count: must be at least 1, got 0");
    }

    @Test
    void missingFileIsExitTwo() {
        Path missing = dir.resolve("nope.yml");

        CliRun run = CliRun.of("configcheck", "--config", missing.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(missing + ": cannot read config file: no such file\n");
    }

    @Test
    void jobsAsJsonHaveEffectiveValues() throws Exception {
        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", write(CliRun.CONFIG).toString(), "--what", "jobs",
                "--json");

        assertThat(run.exit()).isZero();
        String json = run.out();
        assertThat(json).startsWith("[\n  {\n    \"name\": \"snapjob\",\n    \"type\": \"snap\",");
        assertThat(json).contains("\"interval\": 900,")
                .contains("\"timestamp_format\": \"dense\"")
                .contains("\"grid\": \"1x1h | 24x1h\"")
                .contains("\"dial_timeout\": 2")
                .contains("\"bandwidth_limit\": {\n        \"max\": -1,\n        \"bucket_capacity\": 131072\n")
                .contains("\"initial\": \"guarantee_resumability\"")
                .contains("\"steps\": 1,\n        \"size_estimates\": 4")
                .contains("\"initial_replication\": \"most_recent\"")
                .contains("\"encryption\": \"unspecified\"")
                .contains("\"cron\": \"0 * * * *\"");
    }

    @Test
    void sizesInBytesAndDurationsInSeconds() throws Exception {
        Path file = write("""
                jobs:
                - name: k
                  type: sink
                  root_fs: backup
                  serve: {type: local, listener_name: l}
                  recv: {bandwidth_limit: {max: 1 MiB, bucket_capacity: 2 KiB}}
                - name: p
                  type: push
                  connect: {type: local, listener_name: l, client_identity: me, dial_timeout: 1500ms}
                  filesystems: {"<": true}
                  snapshotting: {type: manual}
                  pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                """);

        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", file.toString(), "--what", "jobs", "--json");

        assertThat(run.out()).contains("\"max\": 1048576,\n        \"bucket_capacity\": 2048")
                .contains("\"dial_timeout\": 1.5");
    }

    @Test
    void allAsTextListsFilesGlobalAndJobs() throws Exception {
        Path file = write(CliRun.CONFIG);

        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", file.toString(), "--what", "all");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("files:\n  - \"" + file + "\"\nglobal:\n  logging:\n    -\n"
                + "      type: \"stdout\"\n      level: \"warn\"");
        assertThat(run.out()).contains("jobs:\n  -\n    name: \"snapjob\"");
    }

    @Test
    void parsedSelectionHasGlobalThenJobs() throws Exception {
        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", write(CliRun.CONFIG).toString(), "--what", "parsed",
                "--json");

        assertThat(run.out()).startsWith("{\n  \"global\": {");
        assertThat(run.out().indexOf("\"jobs\"")).isGreaterThan(run.out().indexOf("\"global\""));
    }

    @Test
    void warningsGoToStderrButStillExitZero() throws Exception {
        Path file = write("""
                jobs:
                - name: p
                  type: push
                  connect: {type: local, listener_name: nobody, client_identity: me}
                  filesystems: {"<": true}
                  snapshotting: {type: manual}
                  pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                """);

        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("warning: " + file + ":4:12: job \"p\": no job in this config serves local"
                + " listener_name \"nobody\"");
    }

    @Test
    void skipCertCheckAcceptsMissingCertificates() throws Exception {
        Path file = write("""
                jobs:
                - name: k
                  type: sink
                  root_fs: backup
                  serve: {type: tls, listen: ":8888", ca: /no/ca.crt, cert: /no/c.crt, key: /no/k.key, client_cns: [a]}
                """);

        assertThat(CliRun.of("configcheck", "--parse-only", "--config", file.toString()).exit()).isEqualTo(2);
        assertThat(CliRun.of("configcheck", "--parse-only", "--config", file.toString(), "--skip-cert-check").exit())
                .isZero();
    }

    @Test
    void badWhatIsAUsageError() throws Exception {
        CliRun run = CliRun.of("configcheck", "--parse-only", "--config", write(CliRun.CONFIG).toString(), "--what", "logging");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--what");
    }
}
