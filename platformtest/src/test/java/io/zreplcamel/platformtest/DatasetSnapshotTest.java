package io.zreplcamel.platformtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Create, list and destroy datasets and snapshots. */
@PlatformTest
class DatasetSnapshotTest {

    @Test
    void createListDestroyDatasetAndSnapshot(TestPool pool) {
        pool.zfs("create", "-p", pool.ds("a/b"));
        pool.zfs("snapshot", "-r", pool.ds("a@s1"));
        pool.zfs("set", "io.zreplcamel:test=yes", pool.ds("a/b"));

        assertThat(pool.listAll()).containsExactly(
                pool.name(), pool.ds("a"), pool.ds("a@s1"), pool.ds("a/b"), pool.ds("a/b@s1"));
        assertThat(pool.zfs("get", "-H", "-o", "value", "io.zreplcamel:test", pool.ds("a/b")).stdout().strip())
                .isEqualTo("yes");

        pool.zfs("destroy", pool.ds("a/b@s1"));
        assertThat(pool.listAll()).doesNotContain(pool.ds("a/b@s1")).contains(pool.ds("a@s1"));

        pool.zfs("destroy", "-r", pool.ds("a"));
        assertThat(pool.listAll()).containsExactly(pool.name());
    }
}
