package io.zreplcamel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader reports what the loading program does not implement at its place in the file. */
class UnimplementedTest {

    @TempDir
    Path dir;

    private static final String CONFIG = """
            global:
              monitoring:
                - type: prometheus
                  listen: ":9811"
            jobs:
              - name: snaps
                type: snap
                filesystems: {"tank<": true}
                snapshotting: {type: manual}
                pruning: {keep: [{type: last_n, count: 3}]}
              - name: backup
                type: push
                connect: {type: local, listener_name: sink, client_identity: me}
                filesystems: {"tank<": true}
                snapshotting: {type: manual}
                pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
              - name: sink
                type: sink
                root_fs: backup
                serve: {type: local, listener_name: sink}
            """;

    private static final Unimplemented NO_REPLICATION =
            new Unimplemented(Set.of("push", "sink"), true, Map.of("monitoring", "no metrics"));

    private Path write() throws Exception {
        return Files.writeString(dir.resolve("zrepl.yml"), CONFIG);
    }

    @Test
    void nothingIsReportedByDefault() throws Exception {
        ZreplConfig c = ConfigLoader.load(write());
        assertThat(c.jobs()).hasSize(3);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void unimplementedJobTypesAreErrorsAtTheirTypeValue() throws Exception {
        Path file = write();
        assertThatThrownBy(() -> ConfigLoader.load(file, new LoadOptions(false, NO_REPLICATION)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(Object::toString)
                        .containsExactly(
                                file + ":12:11: jobs[1].type: job backup: type push is not implemented yet by"
                                        + " zrepl-camel; this job would not run (nor its connect section)",
                                file + ":18:11: jobs[2].type: job sink: type sink is not implemented yet by"
                                        + " zrepl-camel; this job would not run (nor its serve section)"));
    }

    @Test
    void asWarningsTheConfigLoadsAndEveryGapIsListed() throws Exception {
        Path file = write();
        ZreplConfig c = ConfigLoader.load(file, new LoadOptions(false, NO_REPLICATION.jobTypesAsWarnings()));
        assertThat(c.jobs()).hasSize(3);
        assertThat(c.warnings()).extracting(Object::toString).containsExactly(
                file + ":2:3: global.monitoring: not honoured by zrepl-camel yet, ignored: no metrics",
                file + ":12:11: jobs[1].type: job backup: type push is not implemented yet by zrepl-camel; this job"
                        + " would not run (nor its connect section)",
                file + ":18:11: jobs[2].type: job sink: type sink is not implemented yet by zrepl-camel; this job"
                        + " would not run (nor its serve section)");
    }

    @Test
    void absentGlobalKeysAreNotReported() throws Exception {
        Path file = Files.writeString(dir.resolve("snap.yml"), CONFIG.substring(CONFIG.indexOf("jobs:"),
                CONFIG.indexOf("  - name: backup")));
        ZreplConfig c = ConfigLoader.load(file, new LoadOptions(false, NO_REPLICATION));
        assertThat(c.warnings()).isEmpty();
    }

    private static final Unimplemented NETWORK_TRANSPORTS =
            new Unimplemented(Set.of(), true, Map.of(), Set.of("tcp", "tls", "ssh+stdinserver", "stdinserver"));

    @Test
    void unimplementedTransportsAreErrorsAtTheirTypeValueAndLocalIsNot() throws Exception {
        Path file = Files.writeString(dir.resolve("tcp.yml"), """
                jobs:
                  - name: backup
                    type: push
                    connect: {type: tcp, address: "backup.example:8888"}
                    filesystems: {"tank<": true}
                    snapshotting: {type: manual}
                    pruning: {keep_sender: [{type: not_replicated}], keep_receiver: [{type: last_n, count: 1}]}
                  - name: sink
                    type: sink
                    root_fs: backup
                    serve:
                      type: stdinserver
                      client_identities: [a]
                  - name: local
                    type: sink
                    root_fs: other
                    serve: {type: local, listener_name: l}
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new LoadOptions(false, NETWORK_TRANSPORTS)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(Object::toString)
                        .containsExactly(
                                file + ":4:21: jobs[0].connect.type: connect type tcp: transport tcp is not"
                                        + " implemented yet by zrepl-camel (local, tcp, tls and ssh+stdinserver"
                                        + " are); this job would not run",
                                file + ":12:13: jobs[1].serve.type: serve type stdinserver: transport stdinserver is"
                                        + " not implemented yet by zrepl-camel (local, tcp, tls and ssh+stdinserver"
                                        + " are);"
                                        + " this job would not run"));
        ZreplConfig lenient = ConfigLoader.load(file, new LoadOptions(false, NETWORK_TRANSPORTS.jobTypesAsWarnings()));
        assertThat(lenient.jobs()).hasSize(3);
        assertThat(lenient.warnings()).hasSize(2);
    }
}
