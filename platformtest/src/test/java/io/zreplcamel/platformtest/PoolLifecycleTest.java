package io.zreplcamel.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pools on file vdevs, as every other platform test uses them. */
@PlatformTest
class PoolLifecycleTest {

    @Test
    void poolOnFileVdevIsOnlineAndUsesTheFile(TestPool pool) {
        assertThat(pool.name()).contains(TestPools.MARKER);
        assertThat(pool.zpool("list", "-H", "-o", "name,health", pool.name()).stdout().strip())
                .isEqualTo(pool.name() + "\tONLINE");
        assertThat(pool.zpool("status", "-P", pool.name()).stdout())
                .contains(pool.vdevs().get(0).toString());
        assertThat(pool.zfs("get", "-H", "-o", "value", "mountpoint", pool.name()).stdout().strip())
                .isEqualTo(pool.mountpoint().toString());
    }

    @Test
    void mirrorOfTwoFilesAndPoolsAreDestroyedAfterTheTest(TestPools pools) {
        TestPool mirror = pools.create("mirror", 2, 256L * 1024 * 1024);
        String status = mirror.zpool("status", "-P", mirror.name()).stdout();
        assertThat(status).contains("mirror-0", mirror.vdevs().get(0).toString(), mirror.vdevs().get(1).toString());
        assertThat(TestPools.leftoverPools()).contains(mirror.name());
    }
}
