package io.zreplcamel.config.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZreplDurationTest {

    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource({"0, 0", "10s, 10", "10m, 600", "2h, 7200", "1d, 86400", "2w, 1209600", "' 5 m ', 300",
            "+3s, 3", "-3s, -3", "0s, 0", "0d, 0"})
    void parsesZreplSyntax(String text, long seconds) {
        assertThat(ZreplDuration.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"10|a unit", "1h30m|expected an integer", "1.5h|expected an integer",
            "10ms|expected an integer", "''|expected an integer", "10 y|expected an integer",
            "99999999999999999999s|out of range"})
    void rejects(String text, String reason) {
        assertThatThrownBy(() -> ZreplDuration.parse(text)).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1m"})
    void positiveRejectsZeroAndNegative(String text) {
        assertThatThrownBy(() -> ZreplDuration.parsePositive(text)).hasMessageContaining("must be positive");
    }

    @ParameterizedTest
    @CsvSource({"604800, 1w", "86400, 1d", "90000, 25h", "90, 90s", "120, 2m", "0, 0"})
    void formatsWithTheLargestExactUnit(long seconds, String expected) {
        assertThat(ZreplDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Property
    void formatThenParseIsIdentity(@ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        assertThat(ZreplDuration.parse(ZreplDuration.format(d))).isEqualTo(d);
    }
}
