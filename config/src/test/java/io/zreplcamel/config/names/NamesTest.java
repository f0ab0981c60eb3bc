package io.zreplcamel.config.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

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

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pool|", "pool/a b/c|", "''|", "pool/|must not end with '/'", "/pool|must not start with '/'",
            "pool//a|must not be empty", "pool/a<|must not contain", "pool*x|must not contain",
    })
    void datasetPaths(String path, String problem) {
        if (problem == null) {
            assertThat(ZfsNames.datasetPathProblem(path)).isEmpty();
        } else {
            assertThat(ZfsNames.datasetPathProblem(path)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "mountpoint|", "org.openzfs.systemd:ignore|", "com.example:a-b_c|", "''|must not be empty",
            "-x|must not start with '-'", "a b|must only contain", "a=b|must only contain",
    })
    void propertyNames(String name, String problem) {
        if (problem == null) {
            assertThat(ZfsNames.propertyNameProblem(name)).isEmpty();
        } else {
            assertThat(ZfsNames.propertyNameProblem(name)).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }
}
