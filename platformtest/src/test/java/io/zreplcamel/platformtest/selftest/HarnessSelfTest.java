package io.zreplcamel.platformtest.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zreplcamel.platformtest.PlatformTest;
import io.zreplcamel.platformtest.TestPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deliberately failing tests that check the harness itself; never part of the normal suite (tag
 * {@code harness-selftest} is excluded there). {@code platformtest/run --selftest} runs them in the
 * same guest after the suite and expects exactly 1 passed, 2 failed, a non-zero exit from the
 * runner's own report step, and no pool left behind by the failing test that had one.
 */
@PlatformTest
@Tag("harness-selftest")
class HarnessSelfTest {

    @Test
    void passes() {
        assertThat(1 + 1).isEqualTo(2);
    }

    @Test
    void failsOnPurpose() {
        assertThat("harness").as("deliberate failure of the harness selftest").isEqualTo("broken");
    }

    @Test
    void failsOnPurposeWhileHoldingAPool(TestPool pool) {
        pool.zfs("create", pool.ds("busy"));
        throw new AssertionError("deliberate failure with pool " + pool.name() + " still imported");
    }
}
