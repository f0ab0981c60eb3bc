package io.zreplcamel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.config.model.Job;
import io.zreplcamel.config.model.JobType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample config of zrepl's documentation (our own fixture copies) loads, with the expected jobs. */
class SampleConfigsTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("empty.yml", List.of()),
                Arguments.of("empty_document_marker.yml", List.of()),
                Arguments.of("snap.yml", List.of("snap snapjob")),
                Arguments.of("snap_cron.yml", List.of("snap snapjob")),
                Arguments.of("push.yml", List.of("push push")),
                Arguments.of("pull.yml", List.of("pull pull_servers")),
                Arguments.of("pull_ssh.yml", List.of("pull pull_servers")),
                Arguments.of("source.yml", List.of("source pull_source")),
                Arguments.of("source_ssh.yml", List.of("source pull_source")),
                Arguments.of("sink.yml", List.of("sink laptop_sink")),
                Arguments.of("local.yml", List.of("sink local_sink", "push backup_system")),
                Arguments.of("bandwidth_limit.yml",
                        List.of("sink limited_sink", "push limited_push", "sink nolimit_sink")),
                Arguments.of("include.yml", List.of("snap snapjob")),
                Arguments.of("include_directory.yml", List.of("snap snapjob")),
                Arguments.of("quickstart_backup_to_external_disk.yml",
                        List.of("snap snapjob", "push push_to_drive", "sink backuppool_sink")),
                Arguments.of("quickstart_continuous_server_backup_receiver.yml", List.of("sink sink")),
                Arguments.of("quickstart_continuous_server_backup_sender.yml", List.of("push prod_to_backups")),
                Arguments.of("quickstart_fan_out_replication_source.yml",
                        List.of("snap snapshots", "source target_b", "source target_c")),
                Arguments.of("quickstart_fan_out_replication_target.yml", List.of("pull source_a")),
                Arguments.of("global_full.yml", List.of()),
                Arguments.of("hooks.yml", List.of("push push_with_hooks")),
                Arguments.of("sendrecv_options.yml", List.of("push push_all_flags", "pull pull_with_recv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleLoadsWithItsJobs(String file, List<String> expectedJobs) throws Exception {
        ZreplConfig config = ConfigLoader.load(TestFiles.resource("samples/" + file));

        assertThat(config.jobs()).extracting(j -> JobType.of(j).configName() + " " + j.name())
                .containsExactlyElementsOf(expectedJobs);
    }

    @org.junit.jupiter.api.Test
    void everySampleFileIsCoveredByTheTable() throws IOException {
        Path dir = TestFiles.resource("samples");
        List<String> covered = samples().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")))
                    .containsExactlyInAnyOrderElementsOf(covered);
        }
    }

    @org.junit.jupiter.api.Test
    void sharedLocalListenerIsAWarningNotAnError() throws Exception {
        ZreplConfig config = ConfigLoader.load(TestFiles.resource("samples/bandwidth_limit.yml"));

        assertThat(config.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(39);
            assertThat(w.message()).contains("local listener_name \"localsink\" is already served by job"
                    + " \"limited_sink\"");
        });
        Job push = config.job("limited_push").orElseThrow();
        assertThat(push.type()).isEqualTo("push");
    }
}
