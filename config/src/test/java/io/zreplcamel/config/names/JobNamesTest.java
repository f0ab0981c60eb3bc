package io.zreplcamel.config.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobNamesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "prod_to_backups|",
            "with space|",
            "a-b.c:d|",
            "''|job name must not be empty",
            "_internal|reserved for internal use",
            "a/b|must only contain",
            "a\tb|must only contain",
            "a#b|must only contain",
            "a@b|must only contain",
            "a\\b|must only contain",
            ".|must not be \".\"",
            "ä|must be ASCII",
    })
    void jobNames(String name, String problem) {
        if (problem == null) {
            assertThat(JobNames.problem(name)).isEmpty();
        } else {
            assertThat(JobNames.problem(name)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @org.junit.jupiter.api.Test
    void jobNameLengthIsBoundByTheTentativeCursorBookmark() {
        assertThat(JobNames.MAX_LENGTH).isEqualTo(203);
        assertThat(JobNames.problem("j".repeat(203))).isEmpty();
        assertThat(JobNames.problem("j".repeat(204))).hasValueSatisfying(p -> assertThat(p).contains("too long"));
    }
}
