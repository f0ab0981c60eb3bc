package io.zreplcamel.config.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zreplcamel.config.ConfigError;
import io.zreplcamel.config.ConfigException;
import io.zreplcamel.config.ConfigLoader;
import io.zreplcamel.config.model.PushJob;
import io.zreplcamel.config.model.SnapJob;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.view.EffectiveConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pruning.protect_newest}: zrepl-camel's per-job key for the newest snapshot protection. */
class ProtectNewestConfigTest {

    @TempDir
    Path dir;

    private static String snap(String pruningExtra) {
        return "jobs:\n- name: s\n  type: snap\n  filesystems: {\"tank<\": true}\n  snapshotting: {type: manual}\n"
                + "  pruning:\n    keep: [{type: grid, grid: 1x1h | 24x1h, regex: \"^zrepl_\"}]\n" + pruningExtra;
    }

    private static String push(String pruningExtra) {
        return "jobs:\n- name: p\n  type: push\n  connect: {type: tcp, address: \"backup:8888\"}\n"
                + "  filesystems: {\"tank<\": true}\n  snapshotting: {type: manual}\n"
                + "  pruning:\n    keep_sender: [{type: not_replicated}]\n"
                + "    keep_receiver: [{type: last_n, count: 1}]\n" + pruningExtra;
    }

    private Path write(String yaml) throws Exception {
        Path p = dir.resolve("zrepl.yml");
        Files.writeString(p, yaml);
        return p;
    }

    private SnapJob snapJob(String yaml) throws Exception {
        return (SnapJob) ConfigLoader.load(write(yaml)).jobs().get(0);
    }

    @Test
    void defaultIsOnForSnapAndActiveJobs() throws Exception {
        assertThat(Pruning.PROTECT_NEWEST_DEFAULT).isTrue();
        assertThat(snapJob(snap("")).protectNewest()).isTrue();
        assertThat(((PushJob) ConfigLoader.load(write(push(""))).jobs().get(0)).pruning().protectNewest()).isTrue();
    }

    @Test
    void falseAndTrueAreRead() throws Exception {
        assertThat(snapJob(snap("    protect_newest: false\n")).protectNewest()).isFalse();
        assertThat(snapJob(snap("    protect_newest: true\n")).protectNewest()).isTrue();
        assertThat(((PushJob) ConfigLoader.load(write(push("    protect_newest: false\n"))).jobs().get(0))
                .pruning().protectNewest()).isFalse();
    }

    @Test
    void anEmptyValueMeansTheDefault() throws Exception {
        // as for every other key: a key without a value counts as absent
        assertThat(snapJob(snap("    protect_newest:\n")).protectNewest()).isTrue();
    }

    @Test
    void aNonBooleanIsAnErrorAtItsValue() throws Exception {
        Path file = write(snap("    protect_newest: sometimes\n"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactly(file + ":8:21: jobs[0].pruning.protect_newest: expected true or false, got "
                        + "\"sometimes\"");
    }

    @Test
    void aQuotedBooleanIsNotABoolean() throws Exception {
        Path file = write(push("    protect_newest: \"false\"\n"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e.errors()).extracting(ConfigError::toString).singleElement().asString()
                .startsWith(file + ":10:21: jobs[0].pruning.protect_newest: expected true or false");
    }

    @Test
    void aMisspelledKeyIsUnknown() throws Exception {
        Path file = write(snap("    protect_newset: false\n"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e.errors()).extracting(ConfigError::toString).singleElement().asString()
                .startsWith(file + ":8:5: ")
                .contains("unknown field \"protect_newset\"; did you mean \"protect_newest\"?");
    }

    @Test
    void theEffectiveConfigShowsIt() throws Exception {
        Map<String, Object> job = EffectiveConfig.job(snapJob(snap("    protect_newest: false\n")));
        assertThat(job.get("pruning")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("protect_newest", false);
    }
}
