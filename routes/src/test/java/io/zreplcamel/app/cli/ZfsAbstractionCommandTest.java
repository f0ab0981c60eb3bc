package io.zreplcamel.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors of {@code zfs-abstraction}; listing and releasing on real ZFS: SenderAbstractionCliPlatformTest. */
class ZfsAbstractionCommandTest {

    @Test
    void unknownTypeIsAUsageErrorBeforeZfsRuns() {
        CliRun r = CliRun.of("zfs-abstraction", "list", "--type", "cursor", "--zfs-command", "/nonexistent/zfs");
        assertThat(r.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(r.err()).contains("unknown abstraction type \"cursor\"");
    }

    @Test
    void releasingNeedsAConfig() {
        CliRun r = CliRun.of("zfs-abstraction", "release-stale", "--dry-run");
        assertThat(r.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
        assertThat(r.err()).contains("--config");
        CliRun all = CliRun.of("zfs-abstraction", "release-all");
        assertThat(all.exit()).isEqualTo(ZreplCamelCli.EXIT_USAGE);
    }

    @Test
    void isRegisteredWithItsThreeVerbs() {
        CliRun r = CliRun.of("zfs-abstraction", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("list", "release-stale", "release-all");
    }
}
