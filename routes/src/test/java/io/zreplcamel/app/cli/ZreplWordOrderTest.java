package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zrepl's {@code zrepl --config FILE VERB ...}: the leading --config goes behind the verb's words. */
class ZreplWordOrderTest {

    @TempDir
    Path dir;

    @Test
    void aLeadingConfigMovesBehindTheVerbsWords() {
        assertThat(ZreplCamelCli.zreplWordOrder(new String[] {"--config", "/etc/z.yml", "signal", "wakeup", "j"}))
                .containsExactly("signal", "wakeup", "j", "--config", "/etc/z.yml");
        assertThat(ZreplCamelCli.zreplWordOrder(new String[] {"--config=/etc/z.yml", "status", "--mode", "raw"}))
                .containsExactly("status", "--mode", "raw", "--config=/etc/z.yml");
        // before an end of options, whose words after it are operands
        assertThat(ZreplCamelCli.zreplWordOrder(new String[] {"--config", "c", "test", "x", "--", "--odd"}))
                .containsExactly("test", "x", "--config", "c", "--", "--odd");
    }

    @Test
    void anythingElseIsLeftAsItIs() {
        for (String[] args : new String[][] {{}, {"--config"}, {"--config", "c"}, {"--config=c"},
                {"configcheck", "--config", "c"}, {"version"}}) {
            assertThat(ZreplCamelCli.zreplWordOrder(args)).containsExactly(args);
        }
    }

    @Test
    void theCliAcceptsZreplsWordOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("zrepl.yml"), "jobs: [{name: a, type: snap,"
                + " filesystems: {\"tank<\": true}, snapshotting: {type: manual}, pruning: {keep: [{type: last_n,"
                + " count: 1}]}}]\n");
        CliRun zreplOrder = CliRun.of("--config", file.toString(), "configcheck");
        CliRun ours = CliRun.of("configcheck", "--config", file.toString());
        assertThat(zreplOrder.exit()).as(zreplOrder.err()).isZero();
        assertThat(zreplOrder).isEqualTo(ours);

        Path broken = Files.writeString(dir.resolve("broken.yml"), "jobs: [{name: a}]\n");
        CliRun refused = CliRun.of("--config", broken.toString(), "configcheck");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(broken.toString());
    }
}
